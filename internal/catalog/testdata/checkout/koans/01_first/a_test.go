package first

import "testing"

// TestFirst: the first koan.
func TestFirst(t *testing.T) {
	// ✎ change only this block
	x := 1
	// ✎ end
	_ = x
}

// TestSecond: the second koan.
//
// Hint: none really.
func TestSecond(t *testing.T) {
	x := 1 +
}

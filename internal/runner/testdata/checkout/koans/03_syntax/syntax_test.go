package syntax

import "testing"

// TestSyntax: a koan with a syntax error.
//
// Hint: finish the expression.
func TestSyntax(t *testing.T) {
	x := 1 +
}

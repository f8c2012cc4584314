package timeout

import "testing"

// TestQuick: a koan that passes before its neighbour hangs.
//
// Hint: nothing.
func TestQuick(t *testing.T) {}

// TestLoops: a koan that never ends.
//
// Hint: stop looping.
func TestLoops(t *testing.T) {
	for {
	}
}

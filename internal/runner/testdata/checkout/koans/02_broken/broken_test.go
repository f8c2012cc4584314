package broken

import "testing"

// TestBroken: a koan whose phase does not compile.
//
// Hint: use x.
func TestBroken(t *testing.T) {
	x := 1
}

// TestInnocent: a koan in the same phase, broken by its neighbour.
//
// Hint: nothing.
func TestInnocent(t *testing.T) {}

package second

import "testing"

func TestNoDoc(t *testing.T) {}

// TestFirst shares its name with 01_first's.
func TestFirst(t *testing.T) {}

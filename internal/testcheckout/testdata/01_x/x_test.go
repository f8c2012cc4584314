package x

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestOne: one is one.
func TestOne(t *testing.T) {
	assert.Equal(t /*__*/, 1, len("a")) // how many?
}

package cli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestColourOnlyOnATerminalThatShowsIt(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		terminal bool
		env      map[string]string
		want     bool
	}{
		{true, map[string]string{"TERM": "xterm-256color"}, true},
		{true, map[string]string{"TERM": "xterm", "NO_COLOR": "1"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
		{false, map[string]string{"TERM": "xterm"}, false},
	} {
		stdio := IO{Terminal: c.terminal, Getenv: func(k string) string { return c.env[k] }}
		assert.Equal(t, c.want, stdio.colour(), "terminal %v, %v", c.terminal, c.env)
	}
}

// A learner who started the CLI with `go run ./cmd/koans` is told commands
// that way, ready to paste.
func TestCommandsAreNamedAsTheLearnerRunsThem(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	w := commandNamer{&out, "`go run ./cmd/koans "}
	_, err := w.Write([]byte("its file is missing: `koans reset 01_layers/TestModelLayer` restores it\n"))
	require.NoError(t, err)
	assert.Equal(t, "its file is missing: `go run ./cmd/koans reset 01_layers/TestModelLayer` restores it\n", out.String())
}

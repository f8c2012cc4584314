package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestColourOnlyOnATerminalThatShowsIt(t *testing.T) {
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

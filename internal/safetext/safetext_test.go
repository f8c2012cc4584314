package safetext

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestControlCharactersAreEscaped(t *testing.T) {
	for in, want := range map[string]string{
		"plain\n\tlines":                   "plain\n\tlines",
		"\x1b[2J\x1b[Hall pass":            `\x1b[2J\x1b[Hall pass`,
		"over\rwritten\b\a":                `over\x0dwritten\x08\x07`,
		"c1 \u009b2J":                      `c1 \u009b2J`,
		"bidi \u202eevil\u2066":            `bidi \u202eevil\u2066`,
		"bad \xff byte":                    `bad \xff byte`,
		"del \x7f, nul \x00":               `del \x7f, nul \x00`,
		"✎ ünïcode stays, SELECT 'é'":      "✎ ünïcode stays, SELECT 'é'",
		"::error file=x::a\x16--- PASS: T": `::error file=x::a\x16--- PASS: T`,
	} {
		got := String(in)
		assert.Equal(t, want, got, "%q", in)
		assert.Equal(t, got, String(got), "escaping twice changes nothing: %q", in)
	}
}

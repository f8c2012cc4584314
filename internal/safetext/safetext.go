// Package safetext makes text a koan wrote safe to show: a koan can build
// any byte at run time (string(rune(27))), and what it prints reaches
// terminals, GitHub's workflow commands and files an instructor opens.
// Control characters are written out as escapes, so that they are seen and
// never obeyed.
package safetext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String escapes every control character of s but newline and tab: C0
// (ESC, CR, BEL, backspace…), DEL, C1 (a lone CSI is an escape sequence to
// some terminals), the bidirectional overrides that reorder what is shown
// (Trojan Source), and bytes that are not UTF-8. A string already clean is
// returned as it is, so escaping twice changes nothing.
func String(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafe(r):
			if r < 0x80 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Lines escapes each of lines, in place, and returns them.
func Lines(lines []string) []string {
	for i, l := range lines {
		lines[i] = String(l)
	}
	return lines
}

func clean(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unsafe(r) {
			return false
		}
	}
	return true
}

func unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

package report

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Wrap fits every line of text into width columns, breaking at spaces and
// after commas (SQL's token boundaries), so nothing is cut mid-word by the
// terminal. A continued line keeps its line's indent (a title or a failure's
// location line: two more), or lines up under the statement of a numbered
// SQL line. width 0 leaves text as it is.
func Wrap(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	var out []string
	for _, line := range lines {
		out = append(out, wrapLine(line, width)...)
	}
	return strings.Join(out, "\n")
}

// numbered is a SQL panel's line: "   12  SELECT …"; its continuation lines
// up under the statement.
var numbered = regexp.MustCompile(`^(\s+(?:[✗=+\-]\s+)?\d+\s+(?:\d+\s+)?)\S`)

// located is a failure's first line, "  file.go:12  message": its message
// goes on under the message's other lines, two further in.
var located = regexp.MustCompile(`^\s*\S+\.go:\d+  `)

func wrapLine(line string, width int) []string {
	if Width(line) <= width {
		return []string{line}
	}
	indent := len(line) - len(strings.TrimLeft(line, " "))
	hang := strings.Repeat(" ", indent)
	plain := stripANSI(line)
	switch m := numbered.FindStringSubmatch(plain); {
	case m != nil:
		hang = strings.Repeat(" ", Width(m[1]))
	case indent == 0 || located.MatchString(plain):
		hang += "  "
	}
	if len(hang) > width/2 {
		hang = "  "
	}
	var out []string
	for Width(line) > width {
		cut, next := breakAt(line, width)
		out = append(out, strings.TrimRight(line[:cut], " "))
		line = hang + strings.TrimLeft(line[next:], " ")
		if next == 0 {
			break
		}
	}
	return append(out, line)
}

// breakAt finds where to end a line of at most width columns: after the
// last space or comma that fits, else (one long token) at the width itself.
func breakAt(line string, width int) (cut, next int) {
	col, lastBreak := 0, -1
	for i := 0; i < len(line); {
		if n := escapeLen(line[i:]); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		w := runeWidth(r)
		if col+w > width {
			if r == ' ' {
				return i, i
			}
			if lastBreak > 0 && strings.TrimSpace(stripANSI(line[:lastBreak])) != "" {
				return lastBreak, lastBreak
			}
			return i, i
		}
		col += w
		i += size
		if r == ' ' || r == ',' {
			lastBreak = i
		}
	}
	return len(line), len(line)
}

// Fit cuts a line to width columns, ending it with "…" when cut: for the
// rows of a list, where one row must stay one line.
func Fit(line string, width int) string {
	if width <= 0 || Width(line) <= width {
		return line
	}
	cut := len(line)
	eachRune(line, func(i, col, w int) bool {
		if col+w > width-1 {
			cut = i
			return false
		}
		return true
	})
	return line[:cut] + "…" + resetIfColoured(line)
}

// eachRune calls f with each visible rune's byte offset, the column it
// starts at and its width, until f returns false; colour codes are skipped.
func eachRune(line string, f func(i, col, w int) bool) {
	col := 0
	for i := 0; i < len(line); {
		if n := escapeLen(line[i:]); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if !f(i, col, runeWidth(r)) {
			return
		}
		col += runeWidth(r)
		i += size
	}
}

func resetIfColoured(line string) string {
	if strings.Contains(line, "\x1b[") {
		return "\x1b[0m"
	}
	return ""
}

// Width is how many terminal columns a line takes: colour codes take none,
// emoji two.
func Width(line string) int {
	total := 0
	eachRune(line, func(_, col, w int) bool { total = col + w; return true })
	return total
}

// escapeLen is the length of the ANSI escape sequence s starts with, or 0.
func escapeLen(s string) int {
	if len(s) < 2 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
	}
	return len(s)
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if n := escapeLen(s[i:]); n > 0 {
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// runeWidth: the badges and other emoji are two columns wide; the marks
// used on screen (✓ ✗ ⟳ █ ░ ·) are one.
func runeWidth(r rune) int {
	switch {
	case r >= 0x1F300 && r <= 0x1FAFF, r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3, r >= 0xFF00 && r <= 0xFF60:
		return 2
	case r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F):
		return 0
	}
	return 1
}

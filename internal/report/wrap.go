package report

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap fits every line of text into width columns, breaking at spaces and
// after commas (SQL's token boundaries), so nothing is cut mid-word by the
// terminal. A continued line keeps its line's indent (a title or a failure's
// location line: two more), or lines up under the statement of a numbered
// SQL line. A link is never split: it goes on a line of its own, and runs
// past the width if it must, so it can still be clicked and copied. Tabs
// are expanded first. width 0 leaves text as it is but for the tabs.
//
// Widths are the terminal's (x/ansi: graphemes, emoji, East Asian text,
// colour and hyperlink sequences taking none).
func Wrap(text string, width int) string {
	text = expandTabs(text)
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
	plain := ansi.Strip(line)
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
		cut, next := breakAt(line, width, len(hang))
		if next == 0 {
			break
		}
		out = append(out, strings.TrimRight(line[:cut], " "))
		line = hang + strings.TrimLeft(line[next:], " ")
	}
	return append(out, line)
}

// breakAt finds where to end a line of at most width columns: after the
// last space or comma that fits, else (one long token) at the width itself.
// A link is a token that is never cut: the line ends before it, or, when it
// starts the line (after the hang's indent columns), after it.
func breakAt(line string, width, indent int) (cut, next int) {
	col, lastBreak := 0, -1
	var state byte
	prev := "" // the last visible grapheme
	for i := 0; i < len(line); {
		seq, w, n, newState := ansi.DecodeSequence(line[i:], state, nil)
		state = newState
		if w == 0 {
			i += n
			continue
		}
		startsToken := prev == "" || prev == " " || prev == "("
		prev = seq
		if startsToken && isLinkAt(line, i) {
			end := tokenEnd(line, i)
			if col+Width(line[i:end]) > width {
				if col > indent && strings.TrimSpace(ansi.Strip(line[:i])) != "" {
					return i, i // the link goes on the next line, whole
				}
				return end, end // alone on its line, past the width
			}
		}
		if col+w > width {
			if seq == " " {
				return i, i
			}
			if lastBreak > 0 && strings.TrimSpace(ansi.Strip(line[:lastBreak])) != "" {
				return lastBreak, lastBreak
			}
			return i, i
		}
		col += w
		i += n
		if seq == " " || seq == "," {
			lastBreak = i
		}
	}
	return len(line), len(line)
}

// isLinkAt reports whether a link starts at byte i of line: a URL
// (scheme://…) or a koan's file:line, which terminals and editors open.
func isLinkAt(line string, i int) bool {
	rest := line[i:]
	for _, scheme := range []string{"https://", "http://", "koans/", "solutions/"} {
		if strings.HasPrefix(rest, scheme) {
			return true
		}
	}
	return false
}

// tokenEnd is where the token starting at i ends: the next space.
func tokenEnd(line string, i int) int {
	if j := strings.IndexByte(line[i:], ' '); j >= 0 {
		return i + j
	}
	return len(line)
}

// expandTabs puts each tab's spaces in, to the next stop of eight columns:
// a raw tab in a terminal in raw mode lands wherever the cursor says.
func expandTabs(text string) string {
	if !strings.Contains(text, "\t") {
		return text
	}
	var b strings.Builder
	col := 0
	for _, r := range text {
		switch r {
		case '\t':
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// Fit cuts a line to width columns, ending it with "…" when cut: for the
// rows of a list, where one row must stay one line.
func Fit(line string, width int) string {
	if width <= 0 || Width(line) <= width {
		return line
	}
	out := ansi.Truncate(line, width, "…")
	if strings.Contains(line, "\x1b[") {
		out += "\x1b[0m"
	}
	return out
}

// Width is how many terminal columns a line takes: colour codes take none,
// emoji two.
func Width(line string) int { return ansi.StringWidth(line) }

func stripANSI(s string) string { return ansi.Strip(s) }

package runner

import (
	"regexp"
	"strings"
)

// spewType is the type annotation testify's diff puts before values:
// `([]string) (len=3) `, `(string) (len=6) `, `(int) `.
var spewType = regexp.MustCompile(`\((\[\]|\*|map\[[^\]]*\])?[\w.{} ]+\) (\(len=\d+\) )?`)

// tidyMessage turns testify's Error field into what a learner reads: one
// line "Not equal: expected X, actual Y", then for slices and structs only
// the lines that differ, without type annotations or diff headers.
func tidyMessage(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	var expected, actual string
	var diff, other []string
	inDiff := false
	for _, line := range lines[1:] {
		switch {
		case strings.HasPrefix(line, "expected: "):
			expected = strings.TrimPrefix(line, "expected: ")
		case strings.HasPrefix(line, "actual  : "):
			actual = strings.TrimPrefix(line, "actual  : ")
		case line == "Diff:":
			inDiff = true
		case inDiff:
			if d, ok := diffLine(line); ok {
				diff = append(diff, d)
			}
		default:
			other = append(other, line)
		}
	}
	head := strings.TrimSuffix(strings.TrimSpace(lines[0]), ":")
	switch {
	case expected != "" || actual != "":
		head += ": expected " + expected + ", actual " + actual
	case head == "Received unexpected error" && len(other) > 0:
		head, other = "unexpected error: "+other[0], other[1:]
	}
	out := []string{head}
	if len(diff) > 0 && !(scalar(expected) && scalar(actual)) {
		out = append(out, diff...)
	}
	for _, line := range other {
		if line = strings.TrimSpace(spewType.ReplaceAllString(line, "")); line != "" && line != "{" && line != "}" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// diffLine keeps a changed line of testify's unified diff, annotations
// removed; headers, context and bare brackets are dropped.
func diffLine(line string) (string, bool) {
	if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "+++") || !(strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+")) {
		return "", false
	}
	sign, rest := line[:1], strings.TrimSpace(spewType.ReplaceAllString(line[1:], ""))
	rest = strings.TrimSuffix(rest, ",")
	if rest == "" || rest == "{" || rest == "}" {
		return "", false
	}
	return sign + " " + rest, true
}

// scalar is a value testify printed on one line that is not a composite:
// the one-line "expected X, actual Y" says all.
func scalar(v string) bool {
	return !strings.HasSuffix(v, "}")
}

package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// The result object of GitHub Classroom's runners (version 1), as its
// grading reporter (classroom-resources/autograding-grading-reporter) reads
// it: the runner's status and max_score; per test name, status, score,
// line_no, message and test_code. Its log prints, per test, the name and line
// (status pass or fail), the message (status error only) and test_code when
// not empty; it never reads filename, which is left out.
type classroomResult struct {
	Version  int             `json:"version"`
	Status   string          `json:"status"`
	MaxScore int             `json:"max_score"`
	Tests    []classroomTest `json:"tests"`
}

type classroomTest struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Score  int    `json:"score"`
	LineNo int    `json:"line_no"`
	// TestCode holds a failing koan's message: the one field the reporter
	// prints under a failing test's name.
	TestCode string `json:"test_code,omitempty"`
}

// The payload reaches the reporter base64-encoded in one environment
// variable (Linux caps one at 128 KiB). Its JSON is kept under 47 KiB, so
// under 64 KiB in base64, by cutting the failing koans' messages to a length
// they share and, past some hundreds of failing koans, by showing the
// messages of the first ones only.
const (
	ClassroomBudget = 47 << 10
	maxMessage      = 2000 // runes of one message, however few koans fail
	minMessage      = 40
	cutMark         = " … (cut)"
)

func init() {
	register(Format{Name: "classroom", Description: "GitHub Classroom's result object, with partial credit per koan", Write: unstyled(Classroom)})
}

// Classroom writes the result object for GitHub Classroom: one test per koan,
// each with its own score, so one workflow step gives per-koan partial
// credit. Encode it in base64 into the step's "result" output.
func Classroom(w io.Writer, sheet score.Sheet) error {
	res := classroomResult{Version: 1, Status: "pass", MaxScore: sheet.Max, Tests: make([]classroomTest, 0, len(sheet.Koans))}
	var messages []string // of failing koans, by test index (pass: "")
	for _, k := range sheet.Koans {
		t := classroomTest{Name: k.Koan.ID, Status: "pass", Score: k.Score, LineNo: k.Line}
		msg := ""
		if k.Verdict() != string(runner.Pass) {
			// "fail" for every verdict, a compile error too: the reporter
			// prints the name of a failing test, not of an erroring one.
			t.Status, res.Status = "fail", "fail"
			switch k.Verdict() {
			case score.Tampered:
				msg = k.Message // "tampered: file:line: rule" already
			case string(runner.CompileError):
				// One compile error fails every koan of its phase: the
				// reporter's "line N" names no file, so a koan of another
				// file keeps its own line and says where the error is.
				msg = k.Verdict() + ": " + k.Message
				if k.File != k.Koan.File {
					t.LineNo = k.Koan.Line
					msg = fmt.Sprintf("%s: %s:%d: %s", k.Verdict(), k.File, k.Line, k.Message)
				}
			default:
				msg = k.Verdict() + ": " + k.Message
			}
		}
		res.Tests = append(res.Tests, t)
		messages = append(messages, msg)
	}
	// keep: how many failing koans, in path order, show their message.
	fits := func(limit, keep int) ([]byte, bool) {
		shown := 0
		for i, m := range messages {
			res.Tests[i].TestCode = ""
			if m != "" && shown < keep {
				res.Tests[i].TestCode = cut(m, limit)
				shown++
			}
		}
		raw, err := compactJSON(res)
		return raw, err == nil && len(raw) <= ClassroomBudget
	}
	all := len(messages)
	raw, ok := fits(maxMessage, all)
	if !ok {
		// The longest cut that fits: messages share what is left.
		limit := longest(minMessage, maxMessage, func(n int) bool { _, ok := fits(n, all); return ok })
		// Too many failing koans even for the shortest cut: the first ones,
		// the learner's next steps, keep theirs.
		keep := longest(0, all, func(n int) bool { _, ok := fits(limit, n); return ok })
		raw, _ = fits(limit, keep)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("writing the Classroom result: %w", err)
	}
	return nil
}

// longest is the largest n in [lo, hi] for which ok holds, given that it
// holds for lo and, past some n, never again.
func longest(lo, hi int, ok func(int) bool) int {
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// cut keeps at most limit runes of s, saying so when it cuts.
func cut(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	keep := max(0, limit-utf8.RuneCountInString(cutMark))
	n := 0
	for i := range s {
		if n == keep {
			return s[:i] + cutMark
		}
		n++
	}
	return s
}

func compactJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("writing JSON: %w", err)
	}
	return b.Bytes(), nil
}

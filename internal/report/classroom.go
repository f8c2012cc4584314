package report

import (
	"io"

	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// The result object of GitHub Classroom's runners (version 1), as its
// grading reporter reads it (classroom-resources/autograding-grading-reporter):
// status and max_score for the runner, and per test name, status, score,
// message, test_code, filename and line_no.
type classroomResult struct {
	Version  int             `json:"version"`
	Status   string          `json:"status"`
	MaxScore int             `json:"max_score"`
	Tests    []classroomTest `json:"tests"`
}

type classroomTest struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	Score    int    `json:"score"`
	Message  string `json:"message"`
	TestCode string `json:"test_code"`
	Filename string `json:"filename"`
	LineNo   int    `json:"line_no"`
}

// Classroom writes the result object for GitHub Classroom: one test per koan,
// each with its own score, so one workflow step gives per-koan partial
// credit. Encode it in base64 into the step's "result" output.
func Classroom(w io.Writer, sheet score.Sheet) error {
	res := classroomResult{Version: 1, Status: "pass", MaxScore: sheet.Max, Tests: make([]classroomTest, 0, len(sheet.Koans))}
	for _, k := range sheet.Koans {
		status := "pass"
		switch k.Verdict() {
		case string(runner.Pass):
		case string(runner.CompileError):
			status = "error"
		default:
			status = "fail"
		}
		if status != "pass" && res.Status != "error" {
			res.Status = status
		}
		res.Tests = append(res.Tests, classroomTest{
			Name: k.Koan.ID, Status: status, Score: k.Score, Message: k.Message,
			TestCode: "koans run " + k.Koan.ID, Filename: k.File, LineNo: k.Line,
		})
	}
	return writeJSON(w, res)
}

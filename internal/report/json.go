package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/gorm-koans/gorm-koans/internal/score"
)

// JSONKoan is one koan in the JSON report.
type JSONKoan struct {
	ID       string   `json:"id"`
	Phase    string   `json:"phase"`
	Title    string   `json:"title"`
	Status   string   `json:"status"`
	Message  string   `json:"message"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Points   int      `json:"points"`
	Score    int      `json:"score"`
	SQL      []string `json:"sql"`
	Tampered []string `json:"tampered"` // why it was judged tampered; empty if it was not
}

// JSONPhase is a phase's subtotal in the JSON report.
type JSONPhase struct {
	Phase    string `json:"phase"`
	Title    string `json:"title"`
	Score    int    `json:"score"`
	MaxScore int    `json:"max_score"`
	Passed   int    `json:"passed"`
	Total    int    `json:"total"`
}

// JSONVersion is the version of the JSON contract documented in
// docs/grading.md: it changes only when a field changes meaning or goes away.
const JSONVersion = 1

// JSONReport is what verify --format json prints.
type JSONReport struct {
	Version  int         `json:"version"`
	Total    int         `json:"total"`
	Passed   int         `json:"passed"`
	Failed   int         `json:"failed"`
	Score    int         `json:"score"`
	MaxScore int         `json:"max_score"`
	Phases   []JSONPhase `json:"phases"`
	Koans    []JSONKoan  `json:"koans"`
	// Missing are shipped koan files the submission lacks; Extra are files
	// under koans/ that were not shipped, never read or built.
	Missing []string `json:"missing"`
	Extra   []string `json:"extra"`
}

// NewJSON builds the JSON report of a scored run.
func NewJSON(sheet score.Sheet) JSONReport {
	rep := JSONReport{
		Version: JSONVersion,
		Total:   sheet.Total, Passed: sheet.Passed, Failed: sheet.Total - sheet.Passed,
		Score: sheet.Score, MaxScore: sheet.Max,
		Phases:  make([]JSONPhase, 0, len(sheet.Phases)),
		Koans:   make([]JSONKoan, 0, len(sheet.Koans)),
		Missing: append([]string{}, sheet.Missing...),
		Extra:   append([]string{}, sheet.Extra...),
	}
	for _, p := range sheet.Phases {
		rep.Phases = append(rep.Phases, JSONPhase{Phase: p.Dir, Title: p.Title, Score: p.Score, MaxScore: p.Max, Passed: p.Passed, Total: p.Total})
	}
	for _, k := range sheet.Koans {
		sql := k.SQL
		if sql == nil {
			sql = []string{}
		}
		rep.Koans = append(rep.Koans, JSONKoan{
			ID: k.Koan.ID, Phase: k.Koan.Phase.Dir, Title: k.Koan.Title,
			Status: k.Verdict(), Message: k.Message,
			File: k.File, Line: k.Line, Points: k.Points, Score: k.Score,
			SQL: sql, Tampered: append([]string{}, k.Tampered...),
		})
	}
	return rep
}

func init() {
	register(Format{Name: "json", Description: "score, phase subtotals, every koan's verdict", Write: unstyled(JSON)})
}

// JSON writes the JSON report as one indented object.
func JSON(w io.Writer, sheet score.Sheet) error {
	return writeJSON(w, NewJSON(sheet))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}

package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// JSONKoan is one koan in the JSON report.
type JSONKoan struct {
	ID      string   `json:"id"`
	Phase   string   `json:"phase"`
	Title   string   `json:"title"`
	Status  string   `json:"status"`
	Message string   `json:"message"`
	File    string   `json:"file"`
	Line    int      `json:"line"`
	SQL     []string `json:"sql"`
}

// JSONReport is what verify --format json prints.
type JSONReport struct {
	Total  int        `json:"total"`
	Passed int        `json:"passed"`
	Failed int        `json:"failed"`
	Koans  []JSONKoan `json:"koans"`
}

// NewJSON builds the JSON report of a run.
func NewJSON(results []runner.Result) JSONReport {
	rep := JSONReport{Total: len(results), Koans: make([]JSONKoan, 0, len(results))}
	for _, r := range results {
		if r.Passed() {
			rep.Passed++
		}
		sql := r.SQL
		if sql == nil {
			sql = []string{}
		}
		rep.Koans = append(rep.Koans, JSONKoan{
			ID: r.Koan.ID, Phase: r.Koan.Phase.Dir, Title: r.Koan.Title,
			Status: string(r.Status), Message: r.Message,
			File: r.File, Line: r.Line, SQL: sql,
		})
	}
	rep.Failed = rep.Total - rep.Passed
	return rep
}

// JSON writes the JSON report of a run as one indented object.
func JSON(w io.Writer, results []runner.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(NewJSON(results)); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}

package grade

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// Row is one submission in the gradebook.
type Row struct {
	Name     string         `json:"name"`
	Score    int            `json:"score"`
	MaxScore int            `json:"max_score"`
	Phases   map[string]int `json:"phases"`
	Tampered []string       `json:"tampered"`
	Failing  []string       `json:"failing"`
	Missing  []string       `json:"missing"` // shipped koan files it lacks
	Extra    []string       `json:"extra"`   // files under koans/ never shipped, never read
	Error    string         `json:"error,omitempty"`
}

// Rows turns graded submissions into gradebook rows.
func Rows(subs []Submission) []Row {
	rows := make([]Row, 0, len(subs))
	for _, s := range subs {
		r := Row{Name: s.Name, Score: s.Sheet.Score, MaxScore: s.Sheet.Max, Phases: map[string]int{}, Tampered: []string{}, Failing: []string{},
			Missing: append([]string{}, s.Sheet.Missing...), Extra: append([]string{}, s.Sheet.Extra...)}
		if s.Err != nil {
			r.Error = s.Err.Error()
		}
		for _, p := range s.Sheet.Phases {
			r.Phases[p.Dir] = p.Score
		}
		for _, k := range s.Sheet.Koans {
			switch k.Verdict() {
			case string(runner.Pass):
			case score.Tampered:
				r.Tampered = append(r.Tampered, k.Koan.ID)
			default:
				r.Failing = append(r.Failing, k.Koan.ID)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// CSV writes the gradebook with one column per phase.
func CSV(w io.Writer, phases []string, rows []Row) error {
	cw := csv.NewWriter(w)
	header := append([]string{"name", "score", "max_score"}, phases...)
	header = append(header, "tampered", "failing", "missing", "extra", "error")
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("writing the gradebook: %w", err)
	}
	for _, r := range rows {
		rec := []string{r.Name, strconv.Itoa(r.Score), strconv.Itoa(r.MaxScore)}
		for _, p := range phases {
			rec = append(rec, strconv.Itoa(r.Phases[p]))
		}
		rec = append(rec, strings.Join(r.Tampered, " "), strings.Join(r.Failing, " "), strings.Join(r.Missing, " "), strings.Join(r.Extra, " "), r.Error)
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("writing the gradebook: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing the gradebook: %w", err)
	}
	return nil
}

// JSON writes the gradebook as an array of rows.
func JSON(w io.Writer, rows []Row) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rows); err != nil {
		return fmt.Errorf("writing the gradebook: %w", err)
	}
	return nil
}

package grade

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// GradebookVersion is the version of the gradebook's JSON contract
// (docs/grading.md): it changes only when a field changes meaning or goes away.
const GradebookVersion = 1

// Gradebook is a class's grades: what csv, json and html all show.
type Gradebook struct {
	Version     int         `json:"version"`
	Phases      []BookPhase `json:"phases"`
	Submissions []Row       `json:"submissions"`
	// Shard is set in a shard's gradebook (koans grade --shard), the one
	// field that is not always there: merging shards leaves it out.
	Shard *Shard `json:"shard,omitempty"`
}

// BookPhase is a phase of the originals, with its koans in path order.
type BookPhase struct {
	Phase    string     `json:"phase"`
	Title    string     `json:"title"`
	MaxScore int        `json:"max_score"`
	Koans    []BookKoan `json:"koans"`
}

// BookKoan is a koan of the originals.
type BookKoan struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Points int    `json:"points"`
}

// NewGradebook makes the gradebook of submissions graded against cat.
func NewGradebook(cat *catalog.Catalog, subs []Submission) Gradebook {
	b := Gradebook{Version: GradebookVersion, Phases: []BookPhase{}, Submissions: Rows(subs)}
	for _, p := range cat.Phases {
		bp := BookPhase{Phase: p.Dir, Title: p.Title, Koans: []BookKoan{}}
		for _, k := range p.Koans {
			bp.Koans = append(bp.Koans, BookKoan{ID: k.ID, Title: k.Title, Points: k.Points})
			bp.MaxScore += k.Points
		}
		b.Phases = append(b.Phases, bp)
	}
	return b
}

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
	Error    string         `json:"error"`   // why it could not be graded; "" when it was
	// Time is when it was handed in (RFC 3339, UTC): its last commit's
	// date, else its newest koan file's; "" when unknown.
	Time string `json:"time"`
	// Attempted are the phases whose koan files the learner changed, in
	// order: none is a submission not started.
	Attempted []string `json:"attempted"`
	// Koans are every koan's verdict, in path order (empty when the
	// submission could not be graded): what the HTML gradebook draws.
	Koans []Verdict `json:"koans"`
}

// Verdict is one koan of one submission in the gradebook.
type Verdict struct {
	ID      string `json:"id"`
	Status  string `json:"status"`  // pass, fail, compile_error, panic, timeout or tampered
	Message string `json:"message"` // why it does not pass, cut to maxVerdictMessage; empty when it passes
	// File and Line are where to look when it does not pass: the failing
	// line, or the compile error's ("" and 0 when it passes).
	File string `json:"file"`
	Line int    `json:"line"`
}

// maxVerdictMessage keeps a class's gradebook small: a message's start is
// enough to see what went wrong; koans verify in the submission shows it all.
const maxVerdictMessage = 400

// Rows turns graded submissions into gradebook rows.
func Rows(subs []Submission) []Row {
	rows := make([]Row, 0, len(subs))
	for _, s := range subs {
		r := Row{Name: s.Name, Score: s.Sheet.Score, MaxScore: s.Sheet.Max, Phases: map[string]int{}, Tampered: []string{}, Failing: []string{},
			Missing: append([]string{}, s.Sheet.Missing...), Extra: append([]string{}, s.Sheet.Extra...), Koans: []Verdict{},
			Time: s.Time, Attempted: append([]string{}, s.Attempted...)}
		if s.Err != nil {
			r.Error = s.Err.Error()
		}
		for _, p := range s.Sheet.Phases {
			r.Phases[p.Dir] = p.Score
		}
		for _, k := range s.Sheet.Koans {
			v := Verdict{ID: k.Koan.ID, Status: k.Verdict()}
			if v.Status != string(runner.Pass) {
				v.Message = cutMessage(k.Message, maxVerdictMessage)
				v.File, v.Line = k.File, k.Line
			}
			r.Koans = append(r.Koans, v)
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

func cutMessage(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + " … (cut)"
}

// CSV writes the gradebook with one column per phase.
func CSV(w io.Writer, book Gradebook) error {
	var phases []string
	for _, p := range book.Phases {
		phases = append(phases, p.Phase)
	}
	rows := book.Submissions
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

// JSON writes the gradebook as one indented object.
func JSON(w io.Writer, book Gradebook) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(book); err != nil {
		return fmt.Errorf("writing the gradebook: %w", err)
	}
	return nil
}

package grade

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

//go:embed gradebook.html
var pageSource string

var page = template.Must(template.New("gradebook").Funcs(template.FuncMap{
	// when is a submission's time as the table shows it: 2026-11-27 14:03.
	"when": func(s string) string {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return s
		}
		return t.UTC().Format("2006-01-02 15:04")
	},
}).Parse(pageSource))

// NotStarted is what a cell shows for a koan that fails in a phase the
// learner has not touched: behind, not stuck.
const NotStarted = "not_started"

// Statuses are the verdicts a gradebook cell can show, in the legend's order.
var Statuses = []string{string(runner.Pass), string(runner.Fail), string(runner.CompileError), string(runner.Timeout), string(runner.Panic), score.Tampered, NotStarted}

// cellClass is each status's one-letter class: a class of 300 has 57,000
// cells, and each letter counts.
var cellClass = map[string]string{
	string(runner.Pass): "p", string(runner.Fail): "f", string(runner.CompileError): "c",
	string(runner.Timeout): "t", string(runner.Panic): "x", score.Tampered: "m", NotStarted: "n",
}

// HTML writes the gradebook as one self-contained page (styles and script
// inline, nothing fetched): the students first — state, time, points by
// phase, a heatmap of their koans — then each phase's average and spread
// and the hardest koans. Messages go into one table of distinct texts that
// the page's script reads for tooltips, a student's details and the CSV it
// downloads, so a class of 30 stays well under 500 KB.
func HTML(w io.Writer, book Gradebook) error {
	if err := page.Execute(w, newView(book)); err != nil {
		return fmt.Errorf("writing the gradebook: %w", err)
	}
	return nil
}

type view struct {
	Book     Gradebook
	Legend   []legendItem
	Graded   int // submissions with verdicts
	Koans    int
	Phases   []phaseView
	Hardest  []koanStat
	Tampered []Row
	Broken   []Row // could not be graded at all
	Missing  []Row // graded, but koan files are missing
	Behind   int   // graded, not started
	Rows     []rowView
	Data     template.JS // what the script reads: koans, messages, verdicts
}

type legendItem struct{ Status, Class, Label string }

type phaseView struct {
	BookPhase
	Short   string  // its number: "04"
	Average float64 // points
	Percent int     // average of max_score
	Bins    []bin   // the spread of the class's phase scores
}

type bin struct {
	Label  string
	Count  int
	Height int // percent of the tallest bin
}

type koanStat struct {
	BookKoan
	Phase           string
	Passed, Reached int
	Percent         int
}

type rowView struct {
	Row
	Index  int
	State  string        // not_graded, not_started, tampered, compile_error or ""
	Note   string        // the state in words
	Points []int         // by phase
	Cells  template.HTML // the heatmap row's cells
}

// pageData is the JSON the page's script reads.
type pageData struct {
	Phases   []string    `json:"phases"`
	Koans    [][2]string `json:"koans"` // id, title
	Messages []string    `json:"messages"`
	Files    []string    `json:"files"`
	Rows     []dataRow   `json:"rows"`
}

type dataRow struct {
	Name     string   `json:"name"`
	Score    int      `json:"score"`
	Max      int      `json:"max"`
	Points   []int    `json:"points"` // by phase
	Tampered []string `json:"tampered"`
	Verdicts string   `json:"v"` // a letter per koan (cellClass); "" when not graded
	// Problems are the koans that do not pass: koan index, message index,
	// file index, line.
	Problems [][4]int `json:"p"`
	Missing  []string `json:"missing"`
	Extra    []string `json:"extra"`
	Error    string   `json:"error"`
}

func newView(book Gradebook) view {
	v := view{Book: book}
	for _, s := range Statuses {
		v.Legend = append(v.Legend, legendItem{s, cellClass[s], strings.ReplaceAll(s, "_", " ")})
	}
	var koans []BookKoan
	phaseOf := map[string]string{}
	stats := map[string]*koanStat{}
	var order []*koanStat
	data := pageData{Phases: []string{}, Koans: [][2]string{}, Messages: []string{}, Files: []string{""}, Rows: []dataRow{}}
	for _, p := range book.Phases {
		data.Phases = append(data.Phases, p.Phase)
		for _, k := range p.Koans {
			koans = append(koans, k)
			phaseOf[k.ID] = p.Phase
			s := &koanStat{BookKoan: k, Phase: p.Title}
			stats[k.ID] = s
			order = append(order, s)
			data.Koans = append(data.Koans, [2]string{k.ID, k.Title})
		}
	}
	v.Koans = len(koans)
	// Each text once: a class repeats the same messages and files.
	indexer := func(list *[]string) func(string) int {
		seen := map[string]int{}
		for i, s := range *list {
			seen[s] = i
		}
		return func(s string) int {
			i, ok := seen[s]
			if !ok {
				i = len(*list)
				seen[s] = i
				*list = append(*list, s)
			}
			return i
		}
	}
	message, file := indexer(&data.Messages), indexer(&data.Files)
	for i, r := range book.Submissions {
		rv := rowView{Row: r, Index: i + 1}
		rv.Points = []int{}
		for _, p := range book.Phases {
			rv.Points = append(rv.Points, r.Phases[p.Phase])
		}
		dr := dataRow{Name: r.Name, Score: r.Score, Max: r.MaxScore, Points: rv.Points, Tampered: nonNil(r.Tampered),
			Problems: [][4]int{}, Missing: nonNil(r.Missing), Extra: nonNil(r.Extra), Error: r.Error}
		if r.Error == "" {
			v.Graded++
			// nil: a gradebook from before attempted was recorded; every
			// phase counts as reached.
			reached := func(phase string) bool { return r.Attempted == nil || slices.Contains(r.Attempted, phase) }
			byID := map[string]Verdict{}
			for _, k := range r.Koans {
				byID[k.ID] = k
			}
			var cells, letters strings.Builder
			broken := map[string]bool{}
			for ki, k := range koans {
				verdict, ok := byID[k.ID]
				if !ok {
					verdict = Verdict{ID: k.ID, Status: string(runner.Fail), Message: "not graded"}
				}
				shown := verdict.Status
				if shown == string(runner.Fail) && !reached(phaseOf[k.ID]) {
					shown = NotStarted
				}
				letter := cellClass[shown]
				if letter == "" {
					letter = "f"
				}
				cells.WriteString("<td class=" + letter + ">")
				letters.WriteString(letter)
				if reached(phaseOf[k.ID]) {
					stats[k.ID].Reached++
					if verdict.Status == string(runner.Pass) {
						stats[k.ID].Passed++
					}
				}
				if verdict.Status != string(runner.Pass) {
					dr.Problems = append(dr.Problems, [4]int{ki, message(verdict.Message), file(verdict.File), verdict.Line})
				}
				if verdict.Status == string(runner.CompileError) {
					broken[phaseOf[k.ID][:2]] = true
				}
			}
			rv.Cells, dr.Verdicts = template.HTML(cells.String()), letters.String()
			switch {
			case len(r.Tampered) > 0:
				rv.State, rv.Note = score.Tampered, fmt.Sprintf("tampered: %d koans", len(r.Tampered))
			case len(broken) > 0:
				rv.State, rv.Note = string(runner.CompileError), "does not compile: "+strings.Join(slices.Sorted(maps.Keys(broken)), ", ")
			case r.Attempted != nil && len(r.Attempted) == 0:
				rv.State, rv.Note = NotStarted, "not started"
				v.Behind++
			}
		} else {
			rv.State, rv.Note = "not_graded", "not graded"
		}
		switch {
		case r.Error != "":
			v.Broken = append(v.Broken, r)
		case len(r.Tampered) > 0:
			v.Tampered = append(v.Tampered, r)
		}
		if len(r.Missing) > 0 && r.Error == "" {
			v.Missing = append(v.Missing, r)
		}
		v.Rows = append(v.Rows, rv)
		data.Rows = append(data.Rows, dr)
	}
	for _, p := range book.Phases {
		pv := phaseStats(p, book.Submissions)
		pv.Short, _, _ = strings.Cut(p.Phase, "_")
		v.Phases = append(v.Phases, pv)
	}
	// The hardest: the lowest pass rate among the students who reached the
	// koan's phase; ties: more of them first, then path order.
	var hardest []*koanStat
	for _, s := range order {
		if s.Reached > 0 {
			s.Percent = 100 * s.Passed / s.Reached
			hardest = append(hardest, s)
		}
	}
	slices.SortStableFunc(hardest, func(a, b *koanStat) int {
		if a.Percent != b.Percent {
			return a.Percent - b.Percent
		}
		return b.Reached - a.Reached
	})
	for _, s := range hardest[:min(10, len(hardest))] {
		v.Hardest = append(v.Hardest, *s)
	}
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(true) // inside <script>: no "</script>" can close it
	_ = enc.Encode(data)
	v.Data = template.JS(strings.TrimSpace(raw.String()))
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// phaseStats is a phase's class average and the spread of its scores, in
// five bins of a fifth of its points each.
func phaseStats(p BookPhase, rows []Row) phaseView {
	pv := phaseView{BookPhase: p}
	counts := make([]int, 5)
	total, graded := 0, 0
	for _, r := range rows {
		if r.Error != "" {
			continue
		}
		got := r.Phases[p.Phase]
		total += got
		graded++
		b := 0
		if p.MaxScore > 0 {
			b = min(4, 5*got/p.MaxScore)
		}
		counts[b]++
	}
	if graded > 0 {
		pv.Average = float64(total) / float64(graded)
	}
	if p.MaxScore > 0 {
		pv.Percent = int(100 * pv.Average / float64(p.MaxScore))
	}
	tallest := slices.Max(counts)
	for i, c := range counts {
		h := 0
		if tallest > 0 {
			h = 100 * c / tallest
		}
		label := fmt.Sprintf("%d–%d", 20*i, 20*i+19)
		if i == 4 {
			label = "80–100%"
		}
		pv.Bins = append(pv.Bins, bin{Label: label, Count: c, Height: h})
	}
	return pv
}

package grade

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

//go:embed gradebook.html
var pageSource string

var page = template.Must(template.New("gradebook").Funcs(template.FuncMap{
	"firstLine": func(s string) string { first, _, _ := strings.Cut(s, "\n"); return first },
}).Parse(pageSource))

// Statuses are the verdicts a gradebook cell can show, in the legend's order.
var Statuses = []string{string(runner.Pass), string(runner.Fail), string(runner.CompileError), string(runner.Timeout), string(runner.Panic), score.Tampered}

// HTML writes the gradebook as one self-contained page (styles and script
// inline, nothing fetched): a heatmap of submissions × koans, each phase's
// average and spread, the hardest koans, and what needs a look first.
func HTML(w io.Writer, book Gradebook) error {
	if err := page.Execute(w, newView(book)); err != nil {
		return fmt.Errorf("writing the gradebook: %w", err)
	}
	return nil
}

type view struct {
	Book     Gradebook
	Statuses []string
	Graded   int // submissions with verdicts
	Koans    int
	Phases   []phaseView
	Hardest  []koanStat
	Tampered []rowView
	Broken   []rowView // could not be graded at all
	Missing  []rowView // graded, but koan files are missing
	Rows     []rowView
}

type phaseView struct {
	BookPhase
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
	Phase          string
	Passed, Graded int
	Percent        int
}

type rowView struct {
	Row
	Index   int
	Percent int
	Cells   [][]Verdict // by phase
	Failing []failing
}

type failing struct {
	Verdict
	Title string
}

func newView(book Gradebook) view {
	v := view{Book: book, Statuses: Statuses}
	titles := map[string]string{}
	stats := map[string]*koanStat{}
	var order []*koanStat
	for _, p := range book.Phases {
		for _, k := range p.Koans {
			titles[k.ID] = k.Title
			s := &koanStat{BookKoan: k, Phase: p.Title}
			stats[k.ID] = s
			order = append(order, s)
			v.Koans++
		}
	}
	for i, r := range book.Submissions {
		rv := rowView{Row: r, Index: i + 1}
		if r.MaxScore > 0 {
			rv.Percent = 100 * r.Score / r.MaxScore
		}
		if r.Error == "" {
			v.Graded++
			byID := map[string]Verdict{}
			for _, k := range r.Koans {
				byID[k.ID] = k
			}
			for _, p := range book.Phases {
				var cells []Verdict
				for _, k := range p.Koans {
					verdict, ok := byID[k.ID]
					if !ok {
						verdict = Verdict{ID: k.ID, Status: string(runner.Fail), Message: "not graded"}
					}
					cells = append(cells, verdict)
					stats[k.ID].Graded++
					if verdict.Status == string(runner.Pass) {
						stats[k.ID].Passed++
					} else {
						rv.Failing = append(rv.Failing, failing{Verdict: verdict, Title: k.Title})
					}
				}
				rv.Cells = append(rv.Cells, cells)
			}
		}
		switch {
		case r.Error != "":
			v.Broken = append(v.Broken, rv)
		case len(r.Tampered) > 0:
			v.Tampered = append(v.Tampered, rv)
		}
		if len(r.Missing) > 0 && r.Error == "" {
			v.Missing = append(v.Missing, rv)
		}
		v.Rows = append(v.Rows, rv)
	}
	for _, p := range book.Phases {
		v.Phases = append(v.Phases, phaseStats(p, book.Submissions))
	}
	for _, s := range order {
		if s.Graded > 0 {
			s.Percent = 100 * s.Passed / s.Graded
		}
	}
	if v.Graded == 0 {
		return v
	}
	// The hardest: lowest pass rate first; ties keep path order.
	hardest := slices.Clone(order)
	slices.SortStableFunc(hardest, func(a, b *koanStat) int { return a.Percent - b.Percent })
	for _, s := range hardest[:min(10, len(hardest))] {
		v.Hardest = append(v.Hardest, *s)
	}
	return v
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

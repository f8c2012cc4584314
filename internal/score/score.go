// Package score turns verdicts into points: each koan is worth its points
// when it passes and was not tampered with, nothing otherwise.
package score

import (
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// Koan is one koan's verdict with its points.
type Koan struct {
	runner.Result
	Points   int      // what it is worth (from the originals)
	Score    int      // what it earned
	Tampered []string // why it was judged tampered, if it was: it earns nothing
}

// Tampered is the verdict reports give a tampered koan, whatever its run said.
const Tampered = "tampered"

// Verdict is the koan's status as reports show it: the run's, or tampered.
func (k Koan) Verdict() string {
	if len(k.Tampered) > 0 {
		return Tampered
	}
	return string(k.Status)
}

// Shown is the koan's result as a report shows it: a tampered koan fails,
// whatever its run said. The one place the rule lives.
func (k Koan) Shown() runner.Result {
	r := k.Result
	if len(k.Tampered) > 0 {
		r.Status = runner.Fail
	}
	return r
}

// Phase is a phase's subtotal.
type Phase struct {
	Dir, Title    string
	Score, Max    int
	Passed, Total int
}

// Sheet is the score of one run or submission.
type Sheet struct {
	Koans         []Koan
	Phases        []Phase
	Score, Max    int
	Passed, Total int
	// Missing are shipped koan files the submission lacks; Extra are files
	// under koans/ that were not shipped (never read, never built).
	Missing, Extra []string
}

// Compute scores the koans of the original catalog: results by koan ID come
// from running the submission, tampered by koan ID from the tamper check.
// A koan with no result did not run, and earns nothing.
func Compute(orig *catalog.Catalog, results map[string]runner.Result, tampered map[string][]string) Sheet {
	var sheet Sheet
	for _, p := range orig.Phases {
		ps := Phase{Dir: p.Dir, Title: p.Title}
		for _, k := range p.Koans {
			r, ok := results[k.ID]
			if !ok {
				r = runner.Missing(k, "missing from the submission")
			}
			r.Koan = k
			sk := Koan{Result: r, Points: k.Points, Tampered: tampered[k.ID]}
			if len(sk.Tampered) > 0 {
				sk.Message = "tampered: " + sk.Tampered[0]
			}
			if sk.Status == runner.Pass && len(sk.Tampered) == 0 {
				sk.Score = sk.Points
				ps.Passed++
			}
			ps.Total++
			ps.Score += sk.Score
			ps.Max += sk.Points
			sheet.Koans = append(sheet.Koans, sk)
		}
		sheet.Phases = append(sheet.Phases, ps)
		sheet.Score += ps.Score
		sheet.Max += ps.Max
		sheet.Passed += ps.Passed
		sheet.Total += ps.Total
	}
	return sheet
}

// Results indexes verdicts by koan ID.
func Results(rs []runner.Result) map[string]runner.Result {
	m := make(map[string]runner.Result, len(rs))
	for _, r := range rs {
		m[r.Koan.ID] = r
	}
	return m
}

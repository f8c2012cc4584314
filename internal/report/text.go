package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// Mark is the one-character verdict shown beside a koan.
func (s Style) Mark(r runner.Result) string {
	switch r.Status {
	case runner.Pass:
		return s.Pass("✓")
	case "":
		return s.Dim("·")
	}
	return s.Fail("✗")
}

// Progress writes "Progress ██████░░░░ 12/81" with per-phase marks, and
// how many koans have no verdict yet (never run here): the count is then a
// floor, and the line says so rather than show a confident 0.
func Progress(w io.Writer, s Style, cat *catalog.Catalog, byID map[string]runner.Result) {
	all := cat.Koans()
	done, unknown := 0, 0
	for _, k := range all {
		switch {
		case byID[k.ID].Passed():
			done++
		case byID[k.ID].Status == "":
			unknown++
		}
	}
	const width = 30
	filled := 0
	if len(all) > 0 {
		filled = done * width / len(all)
	}
	bar := s.Pass(strings.Repeat("█", filled)) + s.Dim(strings.Repeat("░", width-filled))
	fmt.Fprintf(w, "Progress %s %d/%d   ", bar, done, len(all))
	for _, p := range cat.Phases {
		passed := 0
		for _, k := range p.Koans {
			if byID[k.ID].Passed() {
				passed++
			}
		}
		mark := s.Dim(fmt.Sprintf("%02d", p.Number))
		switch {
		case len(p.Koans) > 0 && passed == len(p.Koans):
			mark = s.Pass(fmt.Sprintf("%02d✓", p.Number))
		case passed > 0:
			mark = s.Accent(fmt.Sprintf("%02d…", p.Number))
		}
		fmt.Fprintf(w, "%s ", mark)
	}
	fmt.Fprintln(w)
	if unknown > 0 {
		fmt.Fprintf(w, "%s\n", s.Dim(fmt.Sprintf("%d of %d koans not checked yet: the count is what is known so far", unknown, len(all))))
	}
}

// View says what a koan's screen shows besides the verdict.
type View struct {
	// Help is the rung of the hint ladder the learner has climbed to on
	// this koan (ladder.go); CompareHelp shows the koan's SQL beside
	// Reference (Found false when none was recorded).
	Help      Help
	Reference Reference
	// HoldSQL keeps the SQL panel back: a predict-first koan whose blanks
	// have not all been filled once yet.
	HoldSQL bool
}

// KoanView writes the screen of one koan's result — where it stands on the
// path, what failed and where, the SQL it sent — with what v asks for.
func KoanView(w io.Writer, s Style, r runner.Result, v View) {
	k := r.Koan
	index, total := position(k)
	fmt.Fprintf(w, "%s %s   koan %d/%d\n", s.Bold(fmt.Sprintf("%02d · %s", k.Phase.Number, k.Phase.Title)), k.Phase.Badge, index, total)
	fmt.Fprintf(w, "%s %s\n", s.Mark(r), s.Bold(k.Title))
	fmt.Fprintf(w, "  %s\n", s.Dim(k.ID))
	if r.Passed() {
		return
	}
	loc := fmt.Sprintf("%s:%d", r.File, r.Line)
	lines := strings.Split(r.Message, "\n")
	fmt.Fprintf(w, "  %s  %s\n", s.Accent(loc), lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintf(w, "    %s\n", l)
	}
	if blocks := regionsText(k, r.Line); blocks != "" {
		fmt.Fprintf(w, "  %s\n", s.Dim(blocks))
	}
	if r.Status == runner.CompileError || r.Status == runner.Panic {
		for _, d := range learnerLines(r) {
			fmt.Fprintf(w, "    %s\n", s.Dim(d))
		}
	}
	for _, f := range k.Phase.Missing {
		if f != k.File {
			fmt.Fprintf(w, "  %s\n", s.Fail(fmt.Sprintf("%s is missing: `koans reset %s` restores it", f, k.ID)))
		}
	}
	if k.Docs != "" {
		fmt.Fprintf(w, "  %s %s\n", s.Dim("docs:"), s.URL(k.Docs))
	}
	rung := v.Help.Rung()
	if rung.Hint {
		fmt.Fprintln(w)
		Hint(w, s, k)
	}
	if !k.Missing {
		SQL(w, s, r, v.HoldSQL && !rung.ShowSQL)
	}
	if rung.Compare {
		fmt.Fprintln(w)
		Compare(w, s, r, v.Reference)
	}
}

// SQL writes the panel of the statements a failing koan sent: none is a
// lesson too. held keeps it back until the learner has predicted.
func SQL(w io.Writer, s Style, r runner.Result, held bool) {
	switch {
	case held:
		fmt.Fprintf(w, "\n  %s\n", s.Dim(koanfmt.SQLHeader+": shown once you have filled every blank and it still fails — predict it first."))
	case r.SQL == nil:
	case len(r.SQL) == 0:
		fmt.Fprintf(w, "\n  %s %s\n", s.Bold(koanfmt.SQLHeader+":"), "none — no SQL reached the database.")
	default:
		fmt.Fprintf(w, "\n  %s\n", s.Bold(koanfmt.SQLHeader+":"))
		for i, q := range r.SQL {
			if koanfmt.IsLeftOut(q) {
				fmt.Fprintf(w, "       %s\n", s.Dim(q))
				continue
			}
			statement(w, fmt.Sprintf("  %3d  ", i+1), q, nil)
			for _, line := range r.Plans[i+1] {
				fmt.Fprintf(w, "         %s\n", s.Dim("↳ "+line))
			}
		}
	}
}

// statement writes one statement after its prefix (its number, its marks):
// a statement of several lines (a Migrator's inspection query, SQL written
// by hand) has each further line under the first, two further in, its runs
// of white space (tabs, alignment) made one space, so the panel's columns
// hold. paint, if set, colours each line.
func statement(w io.Writer, prefix, sql string, paint func(...any) string) {
	if paint == nil {
		paint = fmt.Sprint
	}
	hang := strings.Repeat(" ", Width(prefix)+2)
	first := true
	for line := range strings.SplitSeq(sql, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		switch {
		case line == "":
		case first:
			fmt.Fprintf(w, "%s%s\n", prefix, paint(line))
			first = false
		default:
			fmt.Fprintf(w, "%s%s\n", hang, paint(line))
		}
	}
	if first {
		fmt.Fprintf(w, "%s\n", prefix)
	}
}

// regionsText names the ✎ blocks to change, every one when there are
// several; nothing while blanks are left (they come first).
func regionsText(k *catalog.Koan, line int) string {
	if k.Unfinished() || len(k.Regions) == 0 {
		return ""
	}
	if len(k.Regions) == 1 {
		if _, ok := k.RegionAround(line); !ok {
			return ""
		}
		return fmt.Sprintf("change the ✎ block at %s:%d", k.File, k.Regions[0].Start)
	}
	var at []string
	for _, r := range k.Regions {
		at = append(at, fmt.Sprint(r.Start))
	}
	return fmt.Sprintf("change the %d ✎ blocks of %s, at lines %s", len(k.Regions), k.File, strings.Join(at, ", "))
}

// learnerLines trims compiler errors and panic traces to what is about the
// learner's files: at most a few lines.
func learnerLines(r runner.Result) []string {
	const most = 8
	var out []string
	for _, d := range r.Details {
		t := strings.TrimSpace(d)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "FAIL") || strings.HasPrefix(t, "--- FAIL") {
			continue
		}
		if r.Status == runner.Panic && !strings.Contains(t, r.Koan.File) && !strings.HasPrefix(t, "panic:") {
			continue
		}
		out = append(out, t)
		if len(out) == most {
			break
		}
	}
	return out
}

func position(k *catalog.Koan) (int, int) {
	for i, other := range k.Phase.Koans {
		if other == k {
			return i + 1, len(k.Phase.Koans)
		}
	}
	return 0, len(k.Phase.Koans)
}

// Hint writes a koan's hint.
func Hint(w io.Writer, s Style, k *catalog.Koan) {
	fmt.Fprintf(w, "%s %s\n", s.Bold("Hint for"), k.ID)
	hint := k.Hint
	if hint == "" {
		hint = "this koan has no hint: read its doc comment and the phase's README."
	}
	fmt.Fprintf(w, "  %s\n", hint)
}

// List writes every phase and koan with its status; results may be partial.
// Koans about another database close their phase, marked skipped.
func List(w io.Writer, s Style, cat *catalog.Catalog, byID map[string]runner.Result) {
	idWidth := 0
	for _, p := range cat.Phases {
		for _, k := range slices.Concat(p.Koans, p.Skipped) {
			idWidth = max(idWidth, len(k.ID))
		}
	}
	for _, p := range cat.Phases {
		fmt.Fprintf(w, "%s %s\n", s.Bold(fmt.Sprintf("%02d · %s", p.Number, p.Title)), p.Badge)
		for _, k := range p.Koans {
			r := byID[k.ID]
			status := string(r.Status)
			switch {
			case k.Missing:
				status = "missing: `koans reset " + k.ID + "` restores it"
			case status == "":
				status = "not run"
			}
			fmt.Fprintf(w, "  %s %-*s  %s\n", s.Mark(r), idWidth, k.ID, s.Dim(status))
		}
		for _, k := range p.Skipped {
			dbs := strings.Join(k.Databases, ", ")
			fmt.Fprintf(w, "  %s %-*s  %s\n", s.Dim("–"), idWidth, k.ID,
				s.Dim("skipped: about "+dbs+" only (koans --db "+k.Databases[0]+")"))
		}
	}
}

// Summary writes the closing line of a run: "12 passed, 69 failed".
func Summary(w io.Writer, s Style, results []runner.Result) {
	passed := 0
	for _, r := range results {
		if r.Passed() {
			passed++
		}
	}
	failed := len(results) - passed
	line := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if failed == 0 {
		fmt.Fprintln(w, s.Pass(line))
		return
	}
	fmt.Fprintln(w, s.Fail(line))
}

func init() {
	register(Format{Name: "text", Description: "every koan's verdict by phase, with points", Write: func(w io.Writer, s Style, sheet score.Sheet) error {
		Verify(w, s, sheet)
		return nil
	}})
}

// Verify writes every koan's verdict by phase with its points, the failures
// with where and why, and the closing count.
func Verify(w io.Writer, s Style, sheet score.Sheet) {
	phase := ""
	for _, k := range sheet.Koans {
		if k.Koan.Phase.Dir != phase {
			phase = k.Koan.Phase.Dir
			for _, p := range sheet.Phases {
				if p.Dir == phase {
					fmt.Fprintf(w, "%s %s  %s\n", s.Bold(fmt.Sprintf("%02d · %s", k.Koan.Phase.Number, p.Title)), k.Koan.Phase.Badge, s.Dim(fmt.Sprintf("%d/%d points", p.Score, p.Max)))
				}
			}
		}
		r := k.Shown()
		fmt.Fprintf(w, "  %s %s\n", s.Mark(r), k.Koan.ID)
		if !r.Passed() {
			first, _, _ := strings.Cut(k.Message, "\n")
			fmt.Fprintf(w, "      %s  %s\n", s.Accent(fmt.Sprintf("%s:%d", k.File, k.Line)), first)
		}
	}
	for _, f := range sheet.Missing {
		fmt.Fprintf(w, "%s %s is missing: its koans earn nothing\n", s.Fail("✗"), f)
	}
	for _, f := range sheet.Extra {
		fmt.Fprintf(w, "%s %s was not shipped: it was not read or built\n", s.Dim("·"), f)
	}
	fmt.Fprintf(w, "score %d/%d\n", sheet.Score, sheet.Max)
	results := make([]runner.Result, len(sheet.Koans))
	for i, k := range sheet.Koans {
		results[i] = k.Shown()
	}
	Summary(w, s, results)
}

//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/cohort"
)

// runGrade times `koans grade` on the same 11 submissions with this
// checkout's CLI and with the CLI of a baseline revision, interleaved.
// The submissions: 3 solved, 3 partly solved, 2 untouched, 1 that does not
// compile, 1 tampered, 1 with a koan that loops.
func runGrade(reps int, baseline string) error {
	repo, work, err := scratch("koans-bench-grade-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	original := filepath.Join(work, "original")
	fmt.Fprintln(os.Stderr, "copying the checkout and building both CLIs…")
	if err := cohort.Copy(repo, original); err != nil {
		return err
	}
	newBin, oldBin := filepath.Join(work, "koans-new"), filepath.Join(work, "koans-old")
	if out, err := exec.Command("go", "build", "-o", newBin, "./cmd/koans").CombinedOutput(); err != nil {
		return fmt.Errorf("building koans: %v\n%s", err, out)
	}
	oldSrc := filepath.Join(work, "baseline")
	if out, err := exec.Command("git", "worktree", "add", "--detach", oldSrc, baseline).CombinedOutput(); err != nil {
		return fmt.Errorf("checking out %s: %v\n%s", baseline, err, out)
	}
	defer exec.Command("git", "worktree", "remove", "--force", oldSrc).Run()
	build := exec.Command("go", "build", "-o", oldBin, "./cmd/koans")
	build.Dir = oldSrc
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the koans of %s: %v\n%s", baseline, err, out)
	}

	subs, err := submissions(original, filepath.Join(work, "submissions"))
	if err != nil {
		return err
	}
	grade := func(bin string, db ...string) time.Duration {
		args := append(append(db, "grade", "--original", original, "--timeout", "15s", "--jobs", "2"), subs...)
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if _, exit := err.(*exec.ExitError); err != nil && !exit {
			fmt.Fprintf(os.Stderr, "%s: %v\n%s", bin, err, out)
		}
		return time.Since(start)
	}
	// With a PostgreSQL server (KOANS_POSTGRES_DSN), the same
	// submissions are graded on it too, in the same repetitions.
	postgres := os.Getenv("KOANS_POSTGRES_DSN") != ""
	fmt.Fprintln(os.Stderr, "warming the build cache…")
	grade(oldBin)
	grade(newBin)
	if postgres {
		grade(oldBin, "--db", "postgres")
	}
	var olds, news, pgOlds, pgNews []time.Duration
	for i := range reps {
		fmt.Fprintf(os.Stderr, "repetition %d/%d\n", i+1, reps)
		olds = append(olds, grade(oldBin))
		news = append(news, grade(newBin))
		if postgres {
			pgOlds = append(pgOlds, grade(oldBin, "--db", "postgres"))
			pgNews = append(pgNews, grade(newBin, "--db", "postgres"))
		}
	}
	fmt.Printf("koans grade, 11 submissions, --jobs 2 --timeout 15s, %d repetitions, medians\n\n", reps)
	fmt.Printf("| measurement | median | vs before | target |\n|---|---|---|---|\n")
	row := func(what string, olds, news []time.Duration) {
		o, n := median(olds), median(news)
		fmt.Printf("| %s: before (%s) | %.1f s | | |\n", what, baseline, o.Seconds())
		fmt.Printf("| %s: now | %.1f s | %.2f× | ≤ 1.25× |\n", what, n.Seconds(), float64(n)/float64(o))
	}
	row("grade", olds, news)
	if postgres {
		row("grade --db postgres", pgOlds, pgNews)
	}
	return nil
}

// submissions writes the 11 submissions and returns their directories.
func submissions(original, dir string) ([]string, error) {
	solutions := filepath.Join(original, "solutions")
	phases, err := filepath.Glob(filepath.Join(solutions, catalog.PhaseGlob))
	if err != nil || len(phases) < 8 {
		return nil, fmt.Errorf("expected the phases in %s", solutions)
	}
	all := len(phases)
	return cohort.Build(original, solutions, dir, []cohort.Student{
		{Name: "solved-1", Solved: all}, {Name: "solved-2", Solved: all}, {Name: "solved-3", Solved: all},
		{Name: "partly-3", Solved: 3}, {Name: "partly-5", Solved: 5}, {Name: "partly-7", Solved: 7},
		{Name: "untouched-1"}, {Name: "untouched-2"},
		{Name: "broken", Solved: 5, Edits: []cohort.Edit{cohort.SyntaxError(4)}},
		{Name: "tampered", Solved: all, Edits: []cohort.Edit{cohort.Tampered(2)}},
		{Name: "looping", Solved: all, Edits: []cohort.Edit{cohort.Loops(7)}},
	})
}

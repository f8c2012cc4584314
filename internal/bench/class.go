//go:build unix

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/cohort"
	"github.com/gorm-koans/gorm-koans/internal/grade"
)

// pupil is a submission of the class and what its row must say.
type pupil struct {
	cohort.Student
	// check says what is wrong with its row ("" when nothing is), beyond
	// the phases it solved scoring in full and the others nothing.
	check func(r grade.Row, book grade.Gradebook) string
	// partial: some phase past Solved scores some points, or a solved
	// one fewer than in full; the phases check is left to check.
	partial bool
}

// gitDate is the commit date of the class's git repository.
const gitDate = "2026-11-30T17:45:00Z"

// classOf is the class: 26 submissions of a ten-phase assignment, as the
// instructors' issue (#24) tried it.
func classOf(solutions string) []pupil {
	var class []pupil
	for n := range 11 {
		class = append(class, pupil{Student: cohort.Student{Name: fmt.Sprintf("solved-%02d", n), Solved: n}})
	}
	has := func(status string) func(grade.Row, grade.Gradebook) string {
		return func(r grade.Row, _ grade.Gradebook) string {
			if slices.ContainsFunc(r.Koans, func(v grade.Verdict) bool { return v.Status == status }) {
				return ""
			}
			seen := map[string]int{}
			for _, v := range r.Koans {
				seen[v.Status]++
			}
			return fmt.Sprintf("no koan is %s (verdicts: %v)", status, seen)
		}
	}
	// half: phase n scores some of its points, not all.
	half := func(n int) func(grade.Row, grade.Gradebook) string {
		return func(r grade.Row, book grade.Gradebook) string {
			p := book.Phases[n-1]
			if got := r.Phases[p.Phase]; got <= 0 || got >= p.MaxScore {
				return fmt.Sprintf("%s scores %d of %d, want some", p.Phase, got, p.MaxScore)
			}
			return ""
		}
	}
	return append(class,
		pupil{Student: cohort.Student{Name: "half-03", Solved: 2, Edits: []cohort.Edit{cohort.HalfSolved(solutions, 3)}}, partial: true, check: half(3)},
		pupil{Student: cohort.Student{Name: "half-07", Solved: 6, Edits: []cohort.Edit{cohort.HalfSolved(solutions, 7)}}, partial: true, check: half(7)},
		pupil{Student: cohort.Student{Name: "tampered", Solved: 4, Edits: []cohort.Edit{cohort.Tampered(2)}}, partial: true, check: has("tampered")},
		pupil{Student: cohort.Student{Name: "syntax-error", Solved: 5, Edits: []cohort.Edit{cohort.SyntaxError(4)}}, partial: true, check: has("compile_error")},
		pupil{Student: cohort.Student{Name: "type-error", Solved: 5, Edits: []cohort.Edit{cohort.TypeError(3)}}, partial: true, check: has("compile_error")},
		pupil{Student: cohort.Student{Name: "loops", Solved: 6, Edits: []cohort.Edit{cohort.Loops(5)}}, partial: true, check: has("timeout")},
		pupil{Student: cohort.Student{Name: "panics", Solved: 6, Edits: []cohort.Edit{cohort.Panics(6)}}, partial: true, check: has("panic")},
		pupil{Student: cohort.Student{Name: "deleted-file", Solved: 3, Edits: []cohort.Edit{cohort.Deleted(2)}}, partial: true, check: func(r grade.Row, _ grade.Gradebook) string {
			if len(r.Missing) != 1 {
				return fmt.Sprintf("missing %v, want one file", r.Missing)
			}
			return ""
		}},
		pupil{Student: cohort.Student{Name: "extra-files", Solved: 3, Edits: []cohort.Edit{cohort.Extra()}}, check: func(r grade.Row, _ grade.Gradebook) string {
			if len(r.Extra) != 2 {
				return fmt.Sprintf("extra %v, want two files", r.Extra)
			}
			return ""
		}},
		pupil{Student: cohort.Student{Name: "crlf", Solved: 10, Edits: []cohort.Edit{cohort.CRLF()}}},
		pupil{Student: cohort.Student{Name: "copy-of-solved-07", Solved: 7, CopyOf: "solved-07"}},
		pupil{Student: cohort.Student{Name: "git-repo", Solved: 8, Edits: []cohort.Edit{cohort.Git(gitDate)}}, check: func(r grade.Row, _ grade.Gradebook) string {
			if r.Time != gitDate {
				return fmt.Sprintf("handed in at %q, want its commit's date %s", r.Time, gitDate)
			}
			return ""
		}},
		pupil{Student: cohort.Student{Name: "empty", Empty: true}, check: func(r grade.Row, _ grade.Gradebook) string {
			if r.Error == "" {
				return "graded, want not graded"
			}
			return ""
		}},
		pupil{Student: cohort.Student{Name: "secA/bea", Solved: 2}},
		pupil{Student: cohort.Student{Name: "secB/bea", Solved: 9}},
	)
}

// runClass grades the class once into HTML, CSV and JSON, then again as
// three shards merged with `koans grade merge`, and fails when the two
// gradebooks differ or a row does not say what its submission is. It
// prints what grading each submission took.
func runClass(timeout time.Duration) error {
	repo, work, err := scratch("koans-bench-class-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	original, bin := filepath.Join(work, "original"), filepath.Join(work, "koans")
	fmt.Fprintln(os.Stderr, "copying the checkout, building the CLI, exporting the assignment…")
	if err := cohort.Copy(repo, original); err != nil {
		return fmt.Errorf("copying the checkout: %w", err)
	}
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/koans").CombinedOutput(); err != nil {
		return fmt.Errorf("building koans: %v\n%s", err, out)
	}
	assignment := filepath.Join(work, "assignment")
	export := exec.Command(bin, "export", "--cli", "github.com/gorm-koans/gorm-koans/cmd/koans@latest", assignment)
	export.Dir = original
	if out, err := export.CombinedOutput(); err != nil {
		return fmt.Errorf("exporting the assignment: %v\n%s", err, out)
	}
	solutions := filepath.Join(original, "solutions")
	class := classOf(solutions)
	students := make([]cohort.Student, len(class))
	for i, p := range class {
		students[i] = p.Student
	}
	classDir := filepath.Join(work, "class")
	dirs, err := cohort.Build(assignment, solutions, classDir, students)
	if err != nil {
		return err
	}

	grading := func(args ...string) (map[string]time.Duration, time.Duration, error) {
		cmd := exec.Command(bin, append(append([]string{"grade", "--original", original, "--timeout", timeout.String(), "--jobs", "2"}, args...), dirs...)...)
		cmd.Dir = classDir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		// The empty folder is not graded: exit 1, with every gradebook written.
		if exit, ok := err.(*exec.ExitError); err != nil && (!ok || exit.ExitCode() != 1) {
			return nil, 0, fmt.Errorf("koans grade %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return elapsed(stderr.String()), wall, nil
	}
	fmt.Fprintf(os.Stderr, "grading %d submissions to html,csv,json in one run…\n", len(dirs))
	whole, wholeWall, err := grading("--format", "html,csv,json", "--output", filepath.Join(work, "whole")+"/")
	if err != nil {
		return err
	}
	sharded := map[string]time.Duration{}
	var shardWall time.Duration
	var shards []string
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(os.Stderr, "grading shard %d/3…\n", i)
		out := filepath.Join(work, fmt.Sprintf("shard-%d.json", i))
		times, wall, err := grading("--shard", fmt.Sprintf("%d/3", i), "--format", "json", "--output", out)
		if err != nil {
			return err
		}
		for k, v := range times {
			sharded[k] = v
		}
		shardWall += wall
		shards = append(shards, out)
	}
	merge := exec.Command(bin, append([]string{"grade", "merge", "--format", "html,csv,json", "--output", filepath.Join(work, "merged") + "/"}, shards...)...)
	if out, err := merge.CombinedOutput(); err != nil {
		if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
			return fmt.Errorf("koans grade merge: %v\n%s", err, out)
		}
	}

	var problems []string
	for _, ext := range []string{"json", "csv", "html"} {
		a, errA := os.ReadFile(filepath.Join(work, "whole", "gradebook."+ext))
		b, errB := os.ReadFile(filepath.Join(work, "merged", "gradebook."+ext))
		if errA != nil || errB != nil {
			return fmt.Errorf("reading the gradebooks: %v %v", errA, errB)
		}
		if !bytes.Equal(a, b) {
			problems = append(problems, fmt.Sprintf("gradebook.%s: the merged shards differ from the one run %s", ext, firstDifference(a, b)))
		}
	}
	f, err := os.Open(filepath.Join(work, "whole", "gradebook.json"))
	if err != nil {
		return err
	}
	book, err := grade.ReadGradebook(f, "gradebook.json")
	f.Close()
	if err != nil {
		return err
	}
	problems = append(problems, checkRows(book, class)...)

	fmt.Printf("koans grade, a class of %d submissions, --jobs 2 --timeout %s\n\n", len(dirs), timeout)
	fmt.Printf("| submission | score | graded in (one run) | graded in (its shard) |\n|---|---|---|---|\n")
	var ones []time.Duration
	for _, r := range book.Submissions {
		fmt.Printf("| %s | %d/%d | %.1f s | %.1f s |\n", r.Name, r.Score, r.MaxScore, whole[r.Name].Seconds(), sharded[r.Name].Seconds())
		ones = append(ones, whole[r.Name])
	}
	slices.Sort(ones)
	fmt.Printf("\nper submission (one run): min %.1f s, median %.1f s, max %.1f s\n", ones[0].Seconds(), median(ones).Seconds(), ones[len(ones)-1].Seconds())
	fmt.Printf("one run, html+csv+json: %.1f s; three shards one after another: %.1f s\n", wholeWall.Seconds(), shardWall.Seconds())
	if len(problems) > 0 {
		return fmt.Errorf("the class's gradebooks are wrong:\n  %s", strings.Join(problems, "\n  "))
	}
	fmt.Println("the merged shards equal the one run byte for byte (json, csv, html); every row says what its submission is")
	return nil
}

// progressLine is koans grade's line for one graded submission.
var progressLine = regexp.MustCompile(`^\[\d+/\d+\] (.+?): .* \((\d+\.\d) s\)$`)

// elapsed reads each submission's grading time from koans grade's
// progress lines.
func elapsed(stderr string) map[string]time.Duration {
	times := map[string]time.Duration{}
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		if m := progressLine.FindStringSubmatch(sc.Text()); m != nil {
			s, _ := strconv.ParseFloat(m[2], 64)
			times[m[1]] = time.Duration(s * float64(time.Second))
		}
	}
	return times
}

// checkRows says which rows do not say what their submission is.
func checkRows(book grade.Gradebook, class []pupil) []string {
	rows := map[string]grade.Row{}
	for _, r := range book.Submissions {
		rows[r.Name] = r
	}
	var problems []string
	for _, p := range class {
		r, ok := rows[p.Name]
		if !ok {
			problems = append(problems, p.Name+": no row")
			continue
		}
		if p.check != nil {
			if why := p.check(r, book); why != "" {
				problems = append(problems, p.Name+": "+why)
			}
		}
		if p.Empty || p.partial {
			continue
		}
		for i, ph := range book.Phases {
			want := 0
			if i < p.Solved {
				want = ph.MaxScore
			}
			if r.Phases[ph.Phase] != want {
				problems = append(problems, fmt.Sprintf("%s: %s scores %d, want %d", p.Name, ph.Phase, r.Phases[ph.Phase], want))
			}
		}
	}
	return problems
}

// firstDifference names the first line where a and b differ.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("at line %d:\n    %.200s\n    %.200s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("in length (%d and %d lines)", len(la), len(lb))
}

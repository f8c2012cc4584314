package report

import (
	"fmt"
	"io"

	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/trace"
)

// Reference is the SQL the reference solution of a koan sends, as recorded
// when the koans were generated.
type Reference struct {
	SQL   []string
	Found bool
}

// Compare writes the second hint: the statements the learner's code sent
// beside the reference solution's, aligned, the differing ones marked, with
// the counts. Both lists are already normalised (see trace.Normalize).
func Compare(w io.Writer, s Style, r runner.Result, ref Reference) {
	fmt.Fprintf(w, "%s %s\n", s.Bold("Your SQL beside the solution's for"), r.Koan.ID)
	if !ref.Found {
		fmt.Fprintln(w, "  no reference SQL was recorded for this koan: the solution's SQL cannot be shown beside yours.")
		return
	}
	if r.SQL == nil {
		fmt.Fprintln(w, "  yours: unknown until the koan runs and fails with its SQL recorded.")
		return
	}
	yours := trace.Normalize(withoutNotes(r.SQL))
	fmt.Fprintf(w, "  yours: %s, the solution's: %s\n", statements(len(yours)), statements(len(ref.SQL)))
	if len(yours) == 0 && len(ref.SQL) == 0 {
		return
	}
	rows := align(canonical(yours), canonical(ref.SQL))
	same := 0
	for _, row := range rows {
		if row.yours >= 0 && row.theirs >= 0 {
			same++
		}
	}
	if same == len(rows) {
		fmt.Fprintln(w, "  your code sends the same SQL as the solution: what differs is in your blanks or in what your code does with the rows.")
	}
	fmt.Fprintf(w, "  %s\n", s.Dim("= both sent it · - only yours · + only the solution's"))
	for i, row := range rows {
		switch {
		case row.yours >= 0 && row.theirs >= 0:
			if n := sameRun(rows, i); n > 0 {
				fmt.Fprintf(w, "  %s\n", s.Dim(fmt.Sprintf("= … %d more that both sent", n)))
			}
			if hiddenInRun(rows, i) {
				continue
			}
			statement(w, fmt.Sprintf("  = %3d %3d  ", row.yours+1, row.theirs+1), yours[row.yours], s.Dim)
		case row.yours >= 0:
			statement(w, fmt.Sprintf("  %s %3d      ", s.Fail("-"), row.yours+1), yours[row.yours], nil)
		default:
			statement(w, fmt.Sprintf("  %s     %3d  ", s.Pass("+"), row.theirs+1), ref.SQL[row.theirs], nil)
		}
	}
}

// A run of more than keepRun statements both sent shows its first two and
// its last; the ones between are counted, not listed.
const keepRun = 4

// runAround returns the bounds of the run of shared rows holding row i.
func runAround(rows []pair, i int) (start, end int) {
	shared := func(j int) bool { return rows[j].yours >= 0 && rows[j].theirs >= 0 }
	start, end = i, i
	for start > 0 && shared(start-1) {
		start--
	}
	for end+1 < len(rows) && shared(end+1) {
		end++
	}
	return start, end
}

// hiddenInRun reports whether shared row i is left out of a long run.
func hiddenInRun(rows []pair, i int) bool {
	start, end := runAround(rows, i)
	return end-start+1 > keepRun && i >= start+2 && i < end
}

// sameRun is, at the first hidden row of a long run, how many are hidden.
func sameRun(rows []pair, i int) int {
	start, end := runAround(rows, i)
	if end-start+1 > keepRun && i == start+2 {
		return end - start - 2
	}
	return 0
}

func statements(n int) string {
	if n == 1 {
		return "1 statement"
	}
	return fmt.Sprintf("%d statements", n)
}

// withoutNotes drops the fixtures' "… N more statements" note.
func withoutNotes(sql []string) []string {
	out := []string{}
	for _, q := range sql {
		if !koanfmt.IsLeftOut(q) {
			out = append(out, q)
		}
	}
	return out
}

// canonical puts statements in the form where a map's order does not make
// two of them differ.
func canonical(sql []string) []string {
	out := make([]string, len(sql))
	for i, q := range sql {
		out[i] = trace.Canonical(q)
	}
	return out
}

type pair struct{ yours, theirs int }

// align pairs equal statements in order (a longest common subsequence);
// the rest stand alone where they fall.
func align(a, b []string) []pair {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []pair
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, pair{i, j})
			i++
			j++
		case j == m || (i < n && lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, pair{i, -1})
			i++
		default:
			out = append(out, pair{-1, j})
			j++
		}
	}
	return out
}

// Package cohort writes a class of submissions as learners hand them in:
// copies of the assignment with some phases solved from solutions/, and
// the ways a real class goes wrong (tampering, code that does not compile,
// a koan that loops or panics, files deleted or added, CRLF line endings, a
// copy of a classmate, a git repository, an empty folder). The grader's
// tests and `go run ./internal/bench -class` grade such classes for real.
package cohort

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

// Student is one submission to write.
type Student struct {
	// Name is its folder under the class's directory, slash-separated:
	// "secA/bea" puts it in a section of its own.
	Name string
	// Solved is how many phases, in order, hold their solutions.
	Solved int
	// Empty writes an empty folder: a learner who never pushed.
	Empty bool
	// CopyOf is an earlier student whose submission this one is, byte for
	// byte (Solved and Edits are then ignored).
	CopyOf string
	// Edits change the submission once its phases are solved, in order.
	Edits []Edit
}

// Edit changes one written submission.
type Edit func(s Sub) error

// Sub is a submission being written.
type Sub struct {
	Dir    string   // its folder
	Phases []string // the phases' directory names, in order
}

// phaseDir is the koans/ folder of the phase numbered n (from 1).
func (s Sub) phaseDir(n int) (string, error) {
	if n < 1 || n > len(s.Phases) {
		return "", fmt.Errorf("no phase %d: the assignment has %d", n, len(s.Phases))
	}
	return filepath.Join(s.Dir, "koans", s.Phases[n-1]), nil
}

// koanFiles are a phase's koan files, by name, without its helpers.
func (s Sub) koanFiles(n int) ([]string, error) {
	dir, err := s.phaseDir(n)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		base := filepath.Base(f)
		return base == "blanks_test.go" || base == "helpers_test.go"
	})
	if len(files) == 0 {
		return nil, fmt.Errorf("phase %d has no koan files", n)
	}
	return files, nil
}

// Build writes each student's submission under dir: a copy of the
// assignment (a learner's repository: koans/ as shipped, no solutions),
// with the solved phases' files taken from solutions, a checkout's
// solutions/ folder. It returns the submissions' folders, in order.
func Build(assignment, solutions, dir string, students []Student) ([]string, error) {
	phases, err := filepath.Glob(filepath.Join(solutions, catalog.PhaseGlob))
	if err != nil || len(phases) == 0 {
		return nil, fmt.Errorf("no phases in %s", solutions)
	}
	for i, p := range phases {
		phases[i] = filepath.Base(p)
	}
	written := map[string]string{}
	var dirs []string
	for _, st := range students {
		sub := Sub{Dir: filepath.Join(dir, filepath.FromSlash(st.Name)), Phases: phases}
		if err := st.write(assignment, solutions, sub, written); err != nil {
			return nil, fmt.Errorf("writing the submission %s: %w", st.Name, err)
		}
		written[st.Name] = sub.Dir
		dirs = append(dirs, sub.Dir)
	}
	return dirs, nil
}

func (st Student) write(assignment, solutions string, sub Sub, written map[string]string) error {
	switch {
	case st.Empty:
		return os.MkdirAll(sub.Dir, 0o755)
	case st.CopyOf != "":
		from, ok := written[st.CopyOf]
		if !ok {
			return fmt.Errorf("%s is not an earlier student", st.CopyOf)
		}
		return Copy(from, sub.Dir)
	}
	if err := Copy(assignment, sub.Dir); err != nil {
		return err
	}
	if st.Solved > len(sub.Phases) {
		return fmt.Errorf("%d phases solved: the assignment has %d", st.Solved, len(sub.Phases))
	}
	for _, p := range sub.Phases[:st.Solved] {
		if err := Copy(filepath.Join(solutions, p), filepath.Join(sub.Dir, "koans", p)); err != nil {
			return err
		}
	}
	for _, e := range st.Edits {
		if err := e(sub); err != nil {
			return err
		}
	}
	return nil
}

// HalfSolved solves every other koan file of phase n, from the first.
func HalfSolved(solutions string, n int) Edit {
	return func(s Sub) error {
		files, err := s.koanFiles(n)
		if err != nil {
			return err
		}
		for i := 0; i < len(files); i += 2 {
			raw, err := os.ReadFile(filepath.Join(solutions, s.Phases[n-1], filepath.Base(files[i])))
			if err != nil {
				return err
			}
			if err := os.WriteFile(files[i], raw, 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

// Tampered comments out the first assertion of phase n: a koan that
// passes by asserting less.
func Tampered(n int) Edit {
	return replaceFirst(n, "\tassert.", "\t// assert.")
}

// SyntaxError leaves a function of phase n's first koan file unfinished.
func SyntaxError(n int) Edit {
	return firstFile(n, func(file string) error { return appendTo(file, "\nfunc unfinished( {\n") })
}

// The edits below write inside a region of code to write (before the
// first "// ✎ end" of the phase), where a learner may write what compiles
// and uses the koan's t only through its methods: what they cost is their
// koan's verdict, not a tamper check's.

// TypeError writes a statement that does not type-check into phase n.
func TypeError(n int) Edit {
	return replaceFirst(n, "\t// ✎ end", "\tvar _ int = \"not a number\"\n\t// ✎ end")
}

// Loops writes a loop that never ends into phase n: its koan times out.
func Loops(n int) Edit {
	return replaceFirst(n, "\t// ✎ end", "\tfor t.Name() != \"\" {\n\t}\n\t// ✎ end")
}

// Panics writes a panic into phase n.
func Panics(n int) Edit {
	return replaceFirst(n, "\t// ✎ end", "\tif t.Name() != \"\" {\n\t\tpanic(\"cohort: a koan that panics\")\n\t}\n\t// ✎ end")
}

// Deleted removes phase n's first koan file.
func Deleted(n int) Edit {
	return firstFile(n, os.Remove)
}

// firstFile is an edit of phase n's first koan file, by name.
func firstFile(n int, edit func(file string) error) Edit {
	return func(s Sub) error {
		files, err := s.koanFiles(n)
		if err != nil {
			return err
		}
		return edit(files[0])
	}
}

// Extra adds files the assignment never shipped: notes beside the koans
// and a test file of the learner's own in phase 1.
func Extra() Edit {
	return func(s Sub) error {
		dir, err := s.phaseDir(1)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(s.Dir, "koans", "NOTES.md"), []byte("# what I learned\n"), 0o644); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, "mine_test.go"), []byte("package "+packageOf(s.Phases[0])+"\n"), 0o644)
	}
}

// CRLF rewrites every koan file with Windows line endings, as an editor
// or git's autocrlf on Windows does.
func CRLF() Edit {
	return func(s Sub) error {
		return filepath.WalkDir(filepath.Join(s.Dir, "koans"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			crlf := strings.ReplaceAll(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n", "\r\n")
			return os.WriteFile(p, []byte(crlf), 0o644)
		})
	}
}

// Git makes the submission a git repository of one commit dated date
// (RFC 3339), as a Classroom's clone is.
func Git(date string) Edit {
	return func(s Sub) error {
		for _, args := range [][]string{
			{"init", "-q"},
			{"add", "-A"},
			{"-c", "user.name=Learner", "-c", "user.email=learner@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "my koans"},
		} {
			cmd := exec.Command("git", args...)
			cmd.Dir = s.Dir
			cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("git %s: %w: %s", args[0], err, out)
			}
		}
		return nil
	}
}

// replaceFirst replaces the first old in phase n's koan files, by name.
func replaceFirst(n int, old, new string) Edit {
	return func(s Sub) error {
		files, err := s.koanFiles(n)
		if err != nil {
			return err
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			if strings.Contains(string(raw), old) {
				return os.WriteFile(f, []byte(strings.Replace(string(raw), old, new, 1)), 0o644)
			}
		}
		return fmt.Errorf("no %q in phase %d", old, n)
	}
}

func appendTo(file, text string) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// packageOf is the Go package of a phase's directory: "01_layers" holds
// package layers.
func packageOf(phase string) string {
	_, name, _ := strings.Cut(phase, "_")
	return name
}

// Copy copies the regular files of a tree, as a learner's clone holds
// them: without .git.
func Copy(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), raw, 0o644)
	})
}

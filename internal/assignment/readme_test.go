package assignment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

// TestReadmesDoNotHoldTheAnswers: a phase's README, handed out to
// learners, explains its idea; it does not hold a ✎ block's solution line
// for line. A line of a solved block long enough to be an answer (not a
// bare `}` or `return err`) must not appear in its phase's README.
func TestReadmesDoNotHoldTheAnswers(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	cat, err := catalog.LoadDir(root, catalog.SolutionsDir)
	require.NoError(t, err)
	squash := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, p := range cat.Phases {
		readme, err := os.ReadFile(filepath.Join(root, catalog.KoansDir, p.Dir, "README.md"))
		require.NoError(t, err)
		text := squash(string(readme))
		for _, k := range p.Koans {
			if len(k.Regions) == 0 {
				continue
			}
			src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(k.File)))
			require.NoError(t, err)
			lines := strings.Split(string(src), "\n")
			for _, r := range k.Regions {
				// What the learner is given (//koan: lines) is no answer.
				given := map[string]bool{}
				for n := r.Start; n < r.End-1 && n < len(lines); n++ {
					if code, ok := strings.CutPrefix(strings.TrimSpace(lines[n]), "//koan:"); ok {
						given[squash(code)] = true
					}
				}
				for n := r.Start; n < r.End-1 && n < len(lines); n++ {
					line := squash(lines[n])
					if len(line) < 28 || strings.HasPrefix(line, "//") || given[line] {
						continue
					}
					if strings.Contains(text, line) {
						t.Errorf("%s/README.md holds the answer of %s: %q", p.Dir, k.ID, line)
					}
				}
			}
		}
	}
}

package grade

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/testcheckout"
)

// modules is what every koan builds against: this module's go.mod, go.sum
// and fixtures.
var modules = testcheckout.New(testcheckout.Module)

// module is a copy of modules of the test's own.
func module(t *testing.T) string {
	t.Helper()
	return modules.Copy(t)
}

// arenas is modules with the arena phase of testdata/, its koans
// generated: the originals the grading tests attack.
var arenas = testcheckout.New(func(root string) error {
	if err := testcheckout.Module(root); err != nil {
		return err
	}
	return testcheckout.Phases(root, filepath.Join("testdata", "solutions"))
})

// arena is a copy of arenas of the test's own.
func arena(t *testing.T) string {
	t.Helper()
	return arenas.Copy(t)
}

// files is a submission: slash path → content.
type files map[string]string

// solved is the arena with every koan solved by its reference solution,
// plus the module files a learner's clone has.
func solved(t *testing.T, root string) files {
	t.Helper()
	out := files{}
	for _, name := range []string{"go.mod", "go.sum"} {
		raw, err := os.ReadFile(filepath.Join(root, name))
		require.NoError(t, err)
		out[name] = string(raw)
	}
	for _, dir := range []string{"fixtures", "koans"} {
		require.NoError(t, fs.WalkDir(os.DirFS(root), dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			raw, err := os.ReadFile(filepath.Join(root, p))
			out[p] = string(raw)
			return err
		}))
	}
	sols, err := filepath.Glob(filepath.Join(root, "solutions", "01_arena", "*.go"))
	require.NoError(t, err)
	for _, s := range sols {
		raw, err := os.ReadFile(s)
		require.NoError(t, err)
		out["koans/01_arena/"+filepath.Base(s)] = string(raw)
	}
	return out
}

// edit replaces old by new in one file, and fails the test if old is not there.
func (f files) edit(t *testing.T, path, old, new string) {
	t.Helper()
	require.Contains(t, f[path], old, "the edit's anchor in %s", path)
	f[path] = strings.Replace(f[path], old, new, 1)
}

func (f files) write(t *testing.T, dir string) {
	t.Helper()
	for p, src := range f {
		target := filepath.Join(dir, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(target), 0o755))
		require.NoError(t, os.WriteFile(target, []byte(src), 0o644))
	}
}

const (
	arenaFile = "koans/01_arena/arena_test.go"
	otherFile = "koans/01_arena/other_test.go"
)

var arenaKoans = []string{"TestValue", "TestBlock", "TestTransaction", "TestText", "TestOther", "TestFirst"}

// unsolve puts one blank of the solved arena back as shipped.
func unsolveValue(t *testing.T, f files) {
	f.edit(t, arenaFile, "assert.Equal(t /*__*/, 1, queries.Count", "assert.Equal(t, __, queries.Count")
}

// gradeAll grades submissions with one grader and returns each one's
// points per koan (by function name).
func gradeAll(t *testing.T, root string, subs map[string]files, timeout time.Duration, configure func(*Grader)) map[string]map[string]int {
	t.Helper()
	orig, cat := load(t, root)
	g := New(orig, cat)
	g.Timeout = timeout
	if configure != nil {
		configure(g)
	}
	t.Cleanup(func() { _ = g.Close() })
	base := t.TempDir()
	var names, dirs []string
	for name, f := range subs {
		dir := filepath.Join(base, name)
		f.write(t, dir)
		names = append(names, name)
		dirs = append(dirs, dir)
	}
	out := map[string]map[string]int{}
	for i, s := range g.Many(context.Background(), dirs, 2, nil) {
		require.NoError(t, s.Err, names[i])
		points := map[string]int{}
		for _, k := range s.Sheet.Koans {
			points[k.Koan.Name] = k.Score
			if k.Score == 0 {
				t.Logf("%s: %s %s: %s", names[i], k.Koan.Name, k.Verdict(), runner.FirstLine(k.Message))
			}
		}
		out[names[i]] = points
	}
	return out
}

// expect checks that exactly the named koans earned nothing.
func expect(t *testing.T, name string, points map[string]int, zero ...string) {
	t.Helper()
	for _, k := range arenaKoans {
		want := 1
		if slices.Contains(zero, k) {
			want = 0
		}
		if points[k] != want {
			t.Errorf("%s: %s scored %d, want %d", name, k, points[k], want)
		}
	}
}

func load(t *testing.T, root string) (originals.Tree, *catalog.Catalog) {
	t.Helper()
	orig, err := originals.Load(os.DirFS(root))
	require.NoError(t, err)
	cat, err := orig.Catalog()
	require.NoError(t, err)
	return orig, cat
}

package runner

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/testjson"
)

func demoCatalog(t *testing.T) (string, *catalog.Catalog) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("testdata", "checkout"))
	require.NoError(t, err)
	cat, err := catalog.Load(root)
	require.NoError(t, err)
	return root, cat
}

func TestRunGivesEveryKoanAVerdictDespiteAPanic(t *testing.T) {
	t.Parallel()
	root, cat := demoCatalog(t)
	phase, _ := cat.Phase("01_demo")
	r := &Runner{Root: root}
	results, err := r.Run(t.Context(), phase.Koans)
	require.NoError(t, err)
	got := map[string]Status{}
	for _, res := range results {
		got[res.Koan.Name] = res.Status
	}
	assert.Equal(t, map[string]Status{
		"TestPasses": Pass, "TestBlank": Fail, "TestFilledWrong": Fail, "TestAnsweredWrong": Fail, "TestRegion": Fail,
		"TestSkipped": Fail, "TestPanics": Panic, "TestAfterPanic": Pass,
	}, got)
}

func TestRunEndsAHangingKoanAsATimeout(t *testing.T) {
	t.Parallel()
	root, cat := demoCatalog(t)
	phase, _ := cat.Phase("04_timeout")
	r := &Runner{Root: root, Timeout: time.Second}
	results, err := r.Run(t.Context(), phase.Koans)
	require.NoError(t, err)
	require.Len(t, results, 2)
	assert.Equal(t, Pass, results[0].Status)
	assert.Equal(t, Timeout, results[1].Status)
}

func TestRunOneKoanRunsOnlyThatKoan(t *testing.T) {
	t.Parallel()
	root, cat := demoCatalog(t)
	k, ok := cat.Koan("01_demo/TestBlank")
	require.True(t, ok)
	var started []string
	r := &Runner{Root: root, Events: func(e testjson.Event) {
		if e.Action == "run" {
			started = append(started, e.Test)
		}
	}}
	results, err := r.Run(t.Context(), []*catalog.Koan{k})
	require.NoError(t, err)
	assert.Equal(t, []string{"TestBlank"}, started)
	assert.Equal(t, "fill in the blank: how many SELECTs were sent?", results[0].Message)
	assert.NotEmpty(t, results[0].SQL)
}

// Grading builds with -trimpath: go then names files by import path, not by
// directory, and the verdict must still point into the checkout and hide
// the answer.
func TestRunUnderTrimpathNamesFilesInTheCheckout(t *testing.T) {
	t.Parallel()
	root, cat := demoCatalog(t)
	k, ok := cat.Koan("01_demo/TestBlank")
	require.True(t, ok)
	r := &Runner{Root: root, Env: []string{"GOFLAGS=-trimpath"}}
	results, err := r.Run(t.Context(), []*catalog.Koan{k})
	require.NoError(t, err)
	require.Len(t, results, 1)
	assert.Equal(t, Fail, results[0].Status)
	assert.Equal(t, k.File, results[0].File)
	assert.Contains(t, results[0].Message, "fill in the blank")
}

// Warm compiles what the koans depend on and says so package by package:
// with an empty build cache, each package is named as it is compiled (here
// a module of one small package, to keep the test quick).
func TestWarmReportsEachPackageCompiled(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "p"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "p", "p.go"), []byte("package p\n\nimport \"unicode/utf8\"\n\nvar N = utf8.RuneLen('é')\n"), 0o644))
	r := &Runner{Root: root, Dir: catalog.KoansDir, Env: []string{"GOCACHE=" + t.TempDir(), "GOFLAGS="}}
	var seen []Building
	require.NoError(t, r.Warm(t.Context(), []string{"./p"}, func(b Building) { seen = append(seen, b) }))
	require.NotEmpty(t, seen)
	last := seen[len(seen)-1]
	assert.Equal(t, len(seen), last.Compiled, "one report per package")
	assert.LessOrEqual(t, last.Compiled, last.Total)
	names := map[string]bool{}
	for _, b := range seen {
		names[b.Package] = true
	}
	// unicode/utf8 imports nothing: an empty cache compiles one package
	// of the standard library, not the runtime's dozens.
	assert.True(t, names["unicode/utf8"], "the standard library too, on an empty cache: %v", seen)
	assert.True(t, names["m/p"], "and the package itself: %v", seen)

	seen = nil
	require.NoError(t, r.Warm(t.Context(), []string{"./p"}, func(b Building) { seen = append(seen, b) }))
	assert.Empty(t, seen, "a warm cache compiles nothing")
}

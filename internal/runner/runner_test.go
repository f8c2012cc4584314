package runner

import (
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

package state

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

func TestRecordMergesAndLoads(t *testing.T) {
	root := t.TempDir()
	f := New(root)
	assert.False(t, f.Exists())
	got, err := f.Load()
	require.NoError(t, err)
	assert.Empty(t, got)

	a, b := &catalog.Koan{ID: "01_x/TestA"}, &catalog.Koan{ID: "01_x/TestB"}
	require.NoError(t, f.Record([]runner.Result{{Koan: a, Status: runner.Fail}, {Koan: b, Status: runner.Pass}}))
	require.NoError(t, f.Record([]runner.Result{{Koan: a, Status: runner.Pass}}))
	assert.True(t, f.Exists())
	got, err = f.Load()
	require.NoError(t, err)
	assert.Equal(t, map[string]runner.Status{"01_x/TestA": runner.Pass, "01_x/TestB": runner.Pass}, got)

	leftovers, _ := filepath.Glob(filepath.Join(root, FileName+".*"))
	assert.Empty(t, leftovers, "no temporary files left behind")
}

func TestADamagedFileStartsAfresh(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, FileName), []byte("{not json"), 0o644))
	got, err := New(root).Load()
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestTriedAndLastShownSurviveRecords(t *testing.T) {
	f := New(t.TempDir())
	require.NoError(t, f.MarkTried("01_x/TestA"))
	require.NoError(t, f.Shown("01_x/TestB"))
	require.NoError(t, f.Record([]runner.Result{{Koan: &catalog.Koan{ID: "01_x/TestA"}, Status: runner.Fail}}))
	require.NoError(t, f.MarkTried("01_x/TestA"))
	tried, err := f.Tried()
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"01_x/TestA": true}, tried)
	assert.Equal(t, "01_x/TestB", f.LastShown())
}

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

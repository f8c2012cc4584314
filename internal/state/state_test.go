package state

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

func TestRecordMergesAndLoads(t *testing.T) {
	root := t.TempDir()
	f := New(root, dbenv.SQLite)
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
	got, err := New(root, dbenv.SQLite).Load()
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestTriedAndLastShownSurviveRecords(t *testing.T) {
	f := New(t.TempDir(), dbenv.SQLite)
	require.NoError(t, f.MarkTried("01_x/TestA"))
	require.NoError(t, f.Shown("01_x/TestB"))
	require.NoError(t, f.Record([]runner.Result{{Koan: &catalog.Koan{ID: "01_x/TestA"}, Status: runner.Fail}}))
	require.NoError(t, f.MarkTried("01_x/TestA"))
	tried, err := f.Tried()
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"01_x/TestA": true}, tried)
	assert.Equal(t, "01_x/TestB", f.LastShown())
}

// A koan that passes on SQLite has yet to pass on PostgreSQL: each database
// keeps its own verdicts, in a file git ignores with SQLite's.
func TestEachDatabaseKeepsItsOwnVerdicts(t *testing.T) {
	root := t.TempDir()
	passed := []runner.Result{{Koan: &catalog.Koan{ID: "01_x/TestA"}, Status: runner.Pass}}
	require.NoError(t, New(root, dbenv.SQLite).Record(passed))

	onPostgres := New(root, dbenv.Postgres)
	assert.False(t, onPostgres.Exists(), "no run on PostgreSQL yet")
	got, err := onPostgres.Load()
	require.NoError(t, err)
	assert.Empty(t, got)
	require.NoError(t, onPostgres.Record([]runner.Result{{Koan: &catalog.Koan{ID: "01_x/TestA"}, Status: runner.Fail}}))

	sqlite, err := New(root, dbenv.SQLite).Load()
	require.NoError(t, err)
	assert.Equal(t, runner.Pass, sqlite["01_x/TestA"])
	names, _ := filepath.Glob(filepath.Join(root, FileName+"*"))
	assert.ElementsMatch(t, []string{filepath.Join(root, FileName), filepath.Join(root, FileName+".postgres")}, names)
}

// A reset koan is untried again: no verdict, and its predict-first SQL held
// back; the other koans keep theirs.
func TestForgetMakesAKoanUntried(t *testing.T) {
	f := New(t.TempDir(), dbenv.SQLite)
	require.NoError(t, f.Record([]runner.Result{
		{Koan: &catalog.Koan{ID: "01_x/TestA"}, Status: runner.Pass},
		{Koan: &catalog.Koan{ID: "01_x/TestB"}, Status: runner.Pass},
	}))
	require.NoError(t, f.MarkTried("01_x/TestA", "01_x/TestB"))
	require.NoError(t, f.Forget("01_x/TestA"))
	status, err := f.Load()
	require.NoError(t, err)
	assert.Equal(t, map[string]runner.Status{"01_x/TestB": runner.Pass}, status)
	tried, err := f.Tried()
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"01_x/TestB": true}, tried)
}

package grade

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bench measured verify on SQLite at 2.6× bare go test once it ran
// beside verify on PostgreSQL and MySQL in the same checkout: thirty
// phase binaries over a cache of eighteen, so each database's runs pushed
// out the others' and every verify linked every phase again. Each phase on
// each database now keeps its own last binaries.
func TestOneDatabasesBinariesDoNotPushOutAnothers(t *testing.T) {
	c, err := openCache(t.TempDir())
	require.NoError(t, err)
	at := time.Now().Add(-time.Hour)
	put := func(key string) string {
		at = at.Add(time.Second)
		p := c.path(key)
		require.NoError(t, os.WriteFile(p, []byte(key), 0o755))
		require.NoError(t, os.Chtimes(p, at, at))
		return p
	}
	var sqlite []string
	for _, phase := range []string{"01_layers", "02_connecting", "10_indexes"} {
		sqlite = append(sqlite, put(phase+".sqlite-aaaa"))
	}
	// Later runs: many phases on the other databases, and three edits of
	// phase 01 on SQLite.
	for i := range 20 {
		for _, db := range []string{"postgres", "mysql"} {
			put(fmt.Sprintf("%02d_phase.%s-bbbb", i, db))
		}
	}
	old := put("01_layers.sqlite-bbbb")
	recent := []string{put("01_layers.sqlite-cccc"), put("01_layers.sqlite-dddd")}
	c.trim()

	for _, p := range append(sqlite[1:], recent...) {
		assert.FileExists(t, p, "kept")
	}
	assert.NoFileExists(t, sqlite[0], "phase 01's oldest binary on SQLite")
	assert.NoFileExists(t, old, "beyond the two last of its phase")
	entries, err := os.ReadDir(c.dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1+2+2+40, "the nonce, phases 02 and 10, phase 01's last two, the other databases' forty")
}

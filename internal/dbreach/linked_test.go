package dbreach

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
)

// envOf reads one variable of a Way's environment.
func envOf(t *testing.T, w *Way, name string) string {
	t.Helper()
	for _, kv := range w.Env {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v
		}
	}
	t.Fatalf("%s is not in %q", name, w.Env)
	return ""
}

func TestSQLiteNeedsNothing(t *testing.T) {
	w, err := Open(t.Context(), "", "", t.TempDir(), Options{Sandboxed: true})
	require.NoError(t, err)
	defer w.Close()
	assert.Equal(t, []string{"KOANS_DB=sqlite"}, w.Env)
	assert.Empty(t, w.Sockets)
}

// Without its build tag, a database's server is not linked, and the way to
// it says so instead of treating it as SQLite.
func TestAServerWithoutItsTagIsNotLinked(t *testing.T) {
	for _, d := range dbenv.Databases {
		if d.Tag == "" {
			continue
		}
		if _, linked := servers[d.Name]; linked {
			continue // this test binary was built with the tag
		}
		var nl *NotLinked
		_, err := Open(t.Context(), d.Name, "", t.TempDir(), Options{})
		require.True(t, errors.As(err, &nl), "%s: %v", d.Name, err)
		assert.Contains(t, err.Error(), "-tags "+d.Tag)
		require.ErrorAs(t, Reach(t.Context(), d.Name, ""), &nl)
	}
	require.NoError(t, Linked(dbenv.SQLite))
	require.NoError(t, Linked(""))
}

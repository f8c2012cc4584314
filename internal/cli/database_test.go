package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/assignment"
	"github.com/gorm-koans/gorm-koans/internal/pgtest"
)

func TestTakeDatabase(t *testing.T) {
	t.Parallel()
	env := map[string]string{}
	stdio := IO{Dir: t.TempDir(), Getenv: func(k string) string { return env[k] }}

	rest, db, err := takeDatabase([]string{"verify", "--format", "json"}, stdio)
	require.NoError(t, err)
	assert.Equal(t, dbenv.SQLite, db, "SQLite by default")
	assert.Equal(t, []string{"verify", "--format", "json"}, rest)

	rest, db, err = takeDatabase([]string{"--db", "postgres", "verify"}, stdio)
	require.NoError(t, err)
	assert.Equal(t, dbenv.Postgres, db)
	assert.Equal(t, []string{"verify"}, rest, "--db is the CLI's, not the command's")

	env[dbenv.Env] = "postgres"
	_, db, err = takeDatabase([]string{"run", "--db=sqlite"}, stdio)
	require.NoError(t, err)
	assert.Equal(t, dbenv.SQLite, db, "--db wins over KOANS_DB, wherever it stands")
	_, db, err = takeDatabase([]string{"run"}, stdio)
	require.NoError(t, err)
	assert.Equal(t, dbenv.Postgres, db, "KOANS_DB")

	_, _, err = takeDatabase([]string{"--db", "oracle", "run"}, stdio)
	assert.EqualError(t, err, `--db: unknown database "oracle" (valid: sqlite, postgres, mysql)`)
	_, _, err = takeDatabase([]string{"run", "--db"}, stdio)
	assert.EqualError(t, err, "--db needs a database (valid: sqlite, postgres, mysql)")
}

// An assignment made for PostgreSQL runs there by default.
func TestTakeDatabaseReadsTheCourse(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for _, d := range []string{"koans", ".koans/shipped"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, filepath.FromSlash(assignment.DatabaseFile)), []byte("postgres\n"), 0o644))
	stdio := IO{Dir: filepath.Join(root, "koans"), Getenv: func(string) string { return "" }}

	_, db, err := takeDatabase([]string{"run"}, stdio)
	require.NoError(t, err)
	assert.Equal(t, dbenv.Postgres, db)
	_, db, err = takeDatabase([]string{"--db", "sqlite", "run"}, stdio)
	require.NoError(t, err)
	assert.Equal(t, dbenv.SQLite, db, "the learner may still choose")
}

// With --db postgres and no server, one line says so and how to start one.
func TestNoServerIsOneLine(t *testing.T) {
	pgtest.Linked(t)
	t.Parallel()
	root := t.TempDir()
	var out, errOut bytes.Buffer
	code := Run(t.Context(), []string{"--db", "postgres", "run"}, IO{
		Out: &out, Err: &errOut, Dir: root,
		Getenv: func(k string) string {
			if k == dbenv.DSNEnv {
				return "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=2"
			}
			return ""
		},
	})
	assert.Equal(t, ExitDatabase, code)
	assert.Regexp(t, `^koans: no PostgreSQL server answers at 127.0.0.1:1 \(connect: connection refused\); start one .*KOANS_POSTGRES_DSN\n$`, errOut.String())
}

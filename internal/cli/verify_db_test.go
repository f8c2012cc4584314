package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/devcheck"
	"github.com/gorm-koans/gorm-koans/internal/pgtest"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/sandbox"
)

func TestVerifyOnPostgresWithNoServerSaysSoInOneLine(t *testing.T) {
	pgtest.Linked(t)
	t.Parallel()
	root := checkout(t)
	// Nothing listens on port 1.
	env := map[string]string{dbenv.DSNEnv: "host=127.0.0.1 port=1 user=postgres dbname=postgres sslmode=disable"}
	for _, args := range [][]string{
		{"--db", "postgres", "verify", "--original", root},
		{"grade", "--db", "postgres", "--no-sandbox", "--original", root, root},
	} {
		r := runWith(t, root, env, args...)
		assert.Equal(t, ExitDatabase, r.code, args)
		assert.Contains(t, r.err, "no PostgreSQL server answers at 127.0.0.1:1", args)
		assert.Equal(t, 1, strings.Count(r.err, "\n"), "one line: %s", r.err)
		assert.Empty(t, r.out, args)
	}
}

// onlyPostgres is a koan about PostgreSQL only: it passes there, and would
// fail anywhere else.
const onlyPostgres = `package mini

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOnlyOnPostgres: runs on PostgreSQL.
//
// Database: postgres
func TestOnlyOnPostgres(t *testing.T) {
	t.Parallel()
	db, _ := fixtures.Library(t)
	require.Equal(t, "postgres", db.Dialector.Name())
}
`

// solvedWithAPostgresKoan is a checkout whose koans are all solved, one of
// them about PostgreSQL only.
func solvedWithAPostgresKoan(t *testing.T) string {
	t.Helper()
	root := checkout(t)
	require.NoError(t, os.WriteFile(filepath.Join(root, "solutions", "01_mini", "postgres_test.go"), []byte(onlyPostgres), 0o644))
	_, err := devcheck.Generate(root, "")
	require.NoError(t, err)
	copyFile(t, filepath.Join(root, "solutions", "01_mini", "mini_test.go"), filepath.Join(root, "koans", "01_mini", "mini_test.go"))
	return root
}

func verified(t *testing.T, r ran) report.JSONReport {
	t.Helper()
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal([]byte(r.out), &rep), r.out+r.err)
	return rep
}

// On SQLite a koan about PostgreSQL is neither run nor counted: the report
// is the SQLite path's.
func TestVerifyCountsTheChosenDatabasesKoans(t *testing.T) {
	t.Parallel()
	root := solvedWithAPostgresKoan(t)
	r := run(t, root, "verify", "--format", "json", "--original", root)
	assert.Equal(t, ExitOK, r.code, r.err)
	rep := verified(t, r)
	assert.Equal(t, 2, rep.Total)
	assert.Equal(t, 2, rep.Passed)
	assert.Equal(t, 2, rep.MaxScore)
	for _, k := range rep.Koans {
		assert.NotEqual(t, "01_mini/TestOnlyOnPostgres", k.ID)
	}
}

// `koans --db postgres verify --sandbox` grades every koan on PostgreSQL,
// the one about it too, each in a sandbox that reaches the server.
func TestVerifyOnPostgresInTheSandbox(t *testing.T) {
	pgtest.Linked(t)
	t.Parallel()
	dsn := pgtest.DSN(t)
	if _, err := sandbox.New(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the sandbox must be tested in CI: %v", err)
		}
		t.Skipf("no sandbox on this machine: %v", err)
	}
	root := solvedWithAPostgresKoan(t)
	r := runWith(t, root, map[string]string{dbenv.DSNEnv: dsn}, "--db", "postgres", "verify", "--sandbox", "--format", "json", "--original", root)
	assert.Equal(t, ExitOK, r.code, r.err)
	rep := verified(t, r)
	assert.Equal(t, 3, rep.Total)
	assert.Equal(t, 3, rep.Passed, r.out)
}

// On a terminal the line wraps to its width, like every screen; the exit
// code is the database's own (4), not a usage error's.
func TestNoServerWrapsOnATerminal(t *testing.T) {
	pgtest.Linked(t)
	t.Parallel()
	root := checkout(t)
	var out, errOut bytes.Buffer
	code := Run(t.Context(), []string{"--db", "postgres", "run"}, IO{
		In: strings.NewReader(""), Out: &out, Err: &errOut, Dir: root, Terminal: true,
		Width: func() int { return 40 },
		Getenv: func(k string) string {
			return map[string]string{dbenv.DSNEnv: "host=127.0.0.1 port=1 user=postgres dbname=postgres sslmode=disable"}[k]
		},
	})
	assert.Equal(t, ExitDatabase, code)
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	assert.Greater(t, len(lines), 1, "wrapped: %q", errOut.String())
	for _, l := range lines {
		assert.LessOrEqual(t, report.Width(l), 40, "%q", l)
	}
}

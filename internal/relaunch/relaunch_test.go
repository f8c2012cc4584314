package relaunch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/pgtest"
)

// repoRoot is the checkout these tests run in.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	return root
}

// A checkout of another module is not built: its cmd/koans is not this CLI.
func TestOnlyTheCLIsOwnModuleIsBuilt(t *testing.T) {
	t.Parallel()
	other := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n"), 0o644))
	_, err := Prepare(other, t.TempDir(), "koans_postgres", nil, nil)
	require.ErrorContains(t, err, "example.com/other is the module of")
	_, err = Prepare("", t.TempDir(), "koans_postgres", nil, nil)
	require.ErrorContains(t, err, "not started in a gorm-koans checkout")
}

// A relaunched CLI that still lacks the driver does not start itself again.
func TestARelaunchedCLIDoesNotRelaunch(t *testing.T) {
	t.Parallel()
	_, err := Prepare(repoRoot(t), t.TempDir(), "koans_postgres", nil, []string{Env + "=koans_postgres"})
	require.ErrorContains(t, err, "already started again")
}

// The go command is asked only when the source changed since the last
// build: a warm start runs the built CLI at once.
func TestTheBuildIsSkippedUntilTheSourceChanges(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module "+Module+"\n"), 0o644))
	main := filepath.Join(root, "cmd", "koans", "main.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(main), 0o755))
	require.NoError(t, os.WriteFile(main, []byte("package main\n"), 0o644))
	dir := t.TempDir()

	l, err := Prepare(root, dir, "koans_mysql", []string{"run", "X"}, []string{"A=1"})
	require.NoError(t, err)
	require.NotNil(t, l.Build, "nothing built yet")
	assert.Equal(t, []string{"go", "build", "-tags", "koans_mysql", "-o", l.Run.Path, "./cmd/koans"}, l.Build.Args)
	assert.Equal(t, root, l.Build.Dir)
	assert.Equal(t, []string{l.Run.Path, "run", "X"}, l.Run.Args)
	assert.Contains(t, l.Run.Env, Env+"=koans_mysql")
	require.NoError(t, os.WriteFile(l.Run.Path, []byte("built"), 0o755))
	require.NoError(t, l.Built())

	l, err = Prepare(root, dir, "koans_mysql", nil, nil)
	require.NoError(t, err)
	assert.Nil(t, l.Build, "built from this source already")

	// Files the CLI is not built from do not count.
	koan := filepath.Join(root, "koans", "01_x", "a_test.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(koan), 0o755))
	require.NoError(t, os.WriteFile(koan, []byte("package x\n"), 0o644))
	l, err = Prepare(root, dir, "koans_mysql", nil, nil)
	require.NoError(t, err)
	assert.Nil(t, l.Build, "a koan is not the CLI's source")

	later := time.Now().Add(time.Minute)
	require.NoError(t, os.Chtimes(main, later, later))
	l, err = Prepare(root, dir, "koans_mysql", nil, nil)
	require.NoError(t, err)
	assert.NotNil(t, l.Build, "an edited source file is built again")
}

var lean struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if lean.dir != "" {
		os.RemoveAll(lean.dir)
	}
	os.Exit(code)
}

// leanCLI is the CLI built as `go run ./cmd/koans` builds it, without any
// database's tag, once for the tests of this process; it lives under a
// go-build directory, as go run's does, so it names its commands `go run
// ./cmd/koans …`.
func leanCLI(t *testing.T) string {
	t.Helper()
	lean.once.Do(func() {
		lean.dir, lean.err = os.MkdirTemp("", "relaunch-")
		if lean.err != nil {
			return
		}
		lean.bin = filepath.Join(lean.dir, "go-build0", "b001", "exe", "koans")
		build := exec.Command("go", "build", "-o", lean.bin, "./cmd/koans")
		build.Dir = filepath.Join("..", "..")
		if out, err := build.CombinedOutput(); err != nil {
			lean.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	require.NoError(t, lean.err)
	return lean.bin
}

// cliEnv is the environment of a CLI under test: its own cache directory,
// so the CLI with a driver is built there (Go's build cache staying where
// it is), and a database's connection.
func cliEnv(t *testing.T, cache string, kv ...string) []string {
	t.Helper()
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	require.NoError(t, err)
	env := append(os.Environ(), "GOCACHE="+strings.TrimSpace(string(gocache)), "XDG_CACHE_HOME="+cache)
	return append(env, kv...)
}

// The CLI as a learner on SQLite builds it links no database server's
// driver; chosen on the command line, PostgreSQL and MySQL are reached by
// the same CLI built again with their tags, which ends with its exit code
// (4: no server answers).
func TestTheCLILinksADriverOnlyWhenItsDatabaseIsChosen(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI three times")
	}
	t.Parallel()
	bin := leanCLI(t)
	deps, err := exec.Command("go", "version", "-m", bin).CombinedOutput()
	require.NoError(t, err, "%s", deps)
	for _, driver := range []string{"github.com/jackc/pgx", "github.com/go-sql-driver/mysql", "golang.org/x/text"} {
		assert.NotContains(t, string(deps), driver, "the SQLite CLI links it")
	}

	cache := t.TempDir()
	for _, c := range []struct{ db, dsnEnv, dsn, says string }{
		{dbenv.Postgres, dbenv.DSNEnv, "host=127.0.0.1 port=1 user=postgres dbname=postgres sslmode=disable", "no PostgreSQL server answers at 127.0.0.1:1"},
		{dbenv.MySQL, mysqlDSNEnv(t), "root@tcp(127.0.0.1:1)/", "no MySQL server answers at 127.0.0.1:1"},
	} {
		cmd := exec.Command(bin, "--db", c.db, "verify")
		cmd.Dir = repoRoot(t)
		cmd.Env = cliEnv(t, cache, c.dsnEnv+"="+c.dsn)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit), "%s: %v\n%s", c.db, err, out)
		assert.Equal(t, 4, exit.ExitCode(), "%s\n%s", c.db, out)
		assert.Contains(t, string(out), c.says)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(string(out)), "\n")+1, "one line: %s", out)
	}

	// On a terminal, the CLI started again has the terminal itself: its
	// line wraps to the terminal's width, as only a terminal's does.
	cmd := exec.Command(bin, "--db", dbenv.Postgres, "verify")
	cmd.Dir = repoRoot(t)
	cmd.Env = cliEnv(t, cache, dbenv.DSNEnv+"=host=127.0.0.1 port=1 user=postgres dbname=postgres sslmode=disable", "TERM=xterm", "NO_COLOR=1")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 40})
	require.NoError(t, err)
	defer ptmx.Close()
	raw, _ := io.ReadAll(ptmx) // ends with EIO once the CLI has exited
	_ = cmd.Wait()
	assert.Equal(t, 4, cmd.ProcessState.ExitCode(), "%s", raw)
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(string(raw), "\r", "")), "\n")
	assert.Greater(t, len(lines), 2, "wrapped to 40 columns: %q", raw)
	for _, l := range lines {
		assert.LessOrEqual(t, len([]rune(l)), 40, "%q", l)
	}
}

func mysqlDSNEnv(t *testing.T) string {
	d, ok := dbenv.Lookup(dbenv.MySQL)
	require.True(t, ok)
	return d.DSNEnv
}

// The CLI started again names its commands as the learner runs it: `go
// run ./cmd/koans reset …`, not `koans reset …`, after a koan file went
// missing. It needs a PostgreSQL server (CI starts one).
func TestTheCLIStartedAgainNamesItsCommandsAsTheLearnerRunsThem(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI twice")
	}
	t.Parallel()
	dsn := pgtest.DSN(t)
	bin := leanCLI(t)
	checkout := t.TempDir()
	top, err := filepath.Glob(filepath.Join(repoRoot(t), "*.go"))
	require.NoError(t, err)
	for _, p := range append([]string{"go.mod", "go.sum"}, top...) {
		p = filepath.Base(p)
		raw, err := os.ReadFile(filepath.Join(repoRoot(t), p))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(checkout, p), raw, 0o644))
	}
	for _, p := range []string{"cmd", "internal", "fixtures", "koans", "solutions"} {
		require.NoError(t, os.CopyFS(filepath.Join(checkout, p), os.DirFS(filepath.Join(repoRoot(t), p))), p)
	}
	require.NoError(t, os.Remove(filepath.Join(checkout, "koans", "01_layers", "01_model_test.go")))
	cmd := exec.Command(bin, "--db", dbenv.Postgres, "run", "01_layers/TestModelLayer")
	cmd.Dir = checkout
	cmd.Env = cliEnv(t, t.TempDir(), dbenv.DSNEnv+"="+dsn)
	out, _ := cmd.CombinedOutput()
	assert.Contains(t, string(out), "`go run ./cmd/koans reset")
	assert.NotContains(t, string(out), "`koans reset")
}

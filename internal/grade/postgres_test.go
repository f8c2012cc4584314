package grade

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/pgtest"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/sandbox"
)

// reaches are koans that pass when their process reaches an address: the
// database through fixtures, and three that go around the way it is given.
const reaches = `package reach

import (
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestQueries: counts the books, on PostgreSQL.
func TestQueries(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.Equal(t, "postgres", db.Dialector.Name())
	var n int64
	require.NoError(t, db.Table("books").Count(&n).Error)
	require.Positive(t, n)
}

// TestDialOther: opens a TCP connection to another address.
func TestDialOther(t *testing.T) { dial(t, "tcp", %q) }

// TestDialServer: opens a TCP connection to the server itself.
func TestDialServer(t *testing.T) { dial(t, "tcp", %q) }

// TestDialSocket: connects to another Unix socket.
func TestDialSocket(t *testing.T) { dial(t, "unix", %q) }

func dial(t *testing.T, network, address string) {
	c, err := net.DialTimeout(network, address, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}
`

// In the sandbox a koan reaches its database, whether the connection names
// the server's Unix socket or a TCP address (through the grader's
// forwarder), and nothing else: no other TCP address, not the server's own
// port, no other socket.
func TestTheSandboxLetsAKoanReachItsDatabaseOnly(t *testing.T) {
	dsn := pgtest.DSN(t)
	pgtest.Linked(t)
	sb := needSandbox(t)
	config, err := pgconn.ParseConfig(dsn)
	require.NoError(t, err)
	port := strconv.Itoa(int(config.Port))
	server := net.JoinHostPort("127.0.0.1", port)
	tcp := (&url.URL{Scheme: "postgres", User: url.UserPassword(config.User, config.Password), Host: server, Path: "/" + config.Database, RawQuery: "sslmode=disable"}).String()
	dsns := map[string]string{"tcp": tcp}
	if network, _ := pgconn.NetworkAddress(config.Host, config.Port); network == "unix" {
		dsns["unix socket"] = dsn
	} else if os.Getenv("CI") != "" {
		t.Fatalf("%s names a TCP address: CI's server has a socket of its own to test as well", dbenv.DSNEnv)
	}

	other := listen(t, "tcp", "127.0.0.1:0")
	socket := listen(t, "unix", filepath.Join(t.TempDir(), "other.sock"))
	root := onePhase(t, "reach", fmt.Sprintf(reaches, other, server, socket))
	orig, cat := load(t, root)
	binaries := t.TempDir() // one link for every grader below
	grade := func(dsn string, sb *sandbox.Sandbox) map[string]int {
		g := New(orig, cat.On(dbenv.Postgres))
		g.Database, g.DSN = dbenv.Postgres, dsn
		g.Sandbox, g.CacheDir = sb, binaries
		g.Timeout = 10 * time.Second
		defer g.Close()
		return scores(t, g, root)
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, map[string]int{"TestQueries": 1, "TestDialOther": 0, "TestDialServer": 0, "TestDialSocket": 0}, grade(dsn, sb))
		})
	}
	// Without the sandbox every way around works: the koans above could pass.
	assert.Equal(t, map[string]int{"TestQueries": 1, "TestDialOther": 1, "TestDialServer": 1, "TestDialSocket": 1}, grade(tcp, nil))
}

// The acceptance: on PostgreSQL, the shipped koans fail, every one
// that applies, and the solutions laid over them pass, every one; koans
// about SQLite only are neither run nor counted. Sandboxed, as koans grade
// runs.
func TestThePathOnPostgreSQL(t *testing.T) {
	dsn := pgtest.DSN(t)
	pgtest.Linked(t)
	sb := needSandbox(t)
	repo := filepath.Join("..", "..")
	orig, err := originals.Load(os.DirFS(repo))
	require.NoError(t, err)
	cat, err := orig.Catalog()
	require.NoError(t, err)
	var applies []string
	for _, k := range cat.On(dbenv.Postgres).Koans() {
		applies = append(applies, k.ID)
	}

	// A submission is read only for its koans/ files: the shipped ones,
	// and the solutions in their place.
	base := t.TempDir()
	shipped, solved := filepath.Join(base, "shipped"), filepath.Join(base, "solved")
	require.NoError(t, orig.WriteTo(shipped))
	require.NoError(t, os.CopyFS(filepath.Join(solved, catalog.KoansDir), os.DirFS(filepath.Join(repo, catalog.SolutionsDir))))

	g := New(orig, cat)
	g.Database, g.DSN, g.Sandbox = dbenv.Postgres, dsn, sb
	defer g.Close()
	subs := g.Many(t.Context(), []string{shipped, solved}, 2, nil)
	for _, s := range subs {
		require.NoError(t, s.Err, s.Name)
		var graded []string
		for _, k := range s.Sheet.Koans {
			graded = append(graded, k.Koan.ID)
		}
		assert.Equal(t, applies, graded, "%s: the koans that apply, no more", s.Name)
	}
	for _, k := range subs[0].Sheet.Koans {
		if k.Status == runner.Pass || k.Verdict() == "tampered" {
			t.Errorf("as shipped, %s: %s: %s", k.Koan.ID, k.Verdict(), runner.FirstLine(k.Message))
		}
	}
	for _, k := range subs[1].Sheet.Koans {
		if k.Score != k.Points {
			t.Errorf("solved, %s: %s: %s", k.Koan.ID, k.Verdict(), runner.FirstLine(k.Message))
		}
	}
}

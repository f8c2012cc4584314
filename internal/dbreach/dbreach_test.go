//go:build koans_postgres

package dbreach

import (
	"context"
	"net"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/pgtest"
)

// Pointing a connection string at a socket keeps everything else it says,
// in both of pgx's forms, and writes in what the grader's environment
// supplied: a koan's process has none of it.
func TestAConnectionStringKeepsWhatItSays(t *testing.T) {
	for _, dsn := range []string{
		"postgres://localhost:5433/library?sslmode=require&application_name=koans",
		"host=localhost port=5433 dbname=library sslmode=require application_name='koans'",
	} {
		dir := t.TempDir()
		t.Setenv("PGPASSWORD", "it's a s\\ecret")
		t.Setenv("PGUSER", "learner")
		network, address, explicit, err := postgres{}.parse(dsn)
		require.NoError(t, err, dsn)
		assert.Equal(t, "tcp", network, dsn)
		assert.Equal(t, "localhost:5433", address, dsn)
		via, socket, err := postgres{}.via(explicit, dir)
		require.NoError(t, err, dsn)
		assert.Equal(t, filepath.Join(dir, ".s.PGSQL.5433"), socket)

		t.Setenv("PGPASSWORD", "") // as in a koan's process
		t.Setenv("PGUSER", "")
		config, err := pgconn.ParseConfig(via)
		require.NoError(t, err, via)
		n, a := pgconn.NetworkAddress(config.Host, config.Port)
		assert.Equal(t, "unix", n, via)
		assert.Equal(t, socket, a, via)
		assert.Equal(t, "learner", config.User, via)
		assert.Equal(t, "it's a s\\ecret", config.Password, via)
		assert.Equal(t, "library", config.Database, via)
		assert.Equal(t, "koans", config.RuntimeParams["application_name"], via)

		config, err = pgconn.ParseConfig(explicit)
		require.NoError(t, err, explicit)
		assert.Equal(t, "localhost", config.Host, explicit)
		assert.Equal(t, uint16(5433), config.Port, explicit)
		assert.NotNil(t, config.TLSConfig, "sslmode=require is kept: %s", explicit)
		assert.Equal(t, "it's a s\\ecret", config.Password, explicit)
	}
}

// A server on TCP is reached through the forwarder's socket, and only
// while the forwarder runs; a server on a Unix socket through that socket.
func TestAServerIsReachedThroughOneSocket(t *testing.T) {
	dsn := pgtest.DSN(t)
	config, err := pgconn.ParseConfig(dsn)
	require.NoError(t, err)
	tcp := "host=127.0.0.1 port=" + strconv.Itoa(int(config.Port)) + " user=" + config.User + " password='" + config.Password + "' dbname=" + config.Database + " sslmode=disable"
	ctx := context.Background()
	ping := func(w *Way) error {
		env, release, err := w.Koan(ctx)
		if err != nil {
			return err
		}
		defer release()
		c, err := pgconn.Connect(ctx, envOf(t, &Way{Env: env}, dbenv.DSNEnv))
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		return c.Exec(ctx, "SELECT 1").Close()
	}

	w, err := Open(ctx, dbenv.Postgres, tcp, t.TempDir(), Options{Sandboxed: true})
	require.NoError(t, err)
	require.Len(t, w.Sockets, 1)
	assert.Equal(t, dbenv.Postgres, envOf(t, w, dbenv.Env))
	require.NoError(t, ping(w))
	// A connection left open does not keep Close waiting.
	held, err := net.Dial("unix", w.Sockets[0])
	require.NoError(t, err)
	defer held.Close()
	env, release, err := w.Koan(ctx)
	require.NoError(t, err)
	release()
	require.NoError(t, w.Close())
	_, err = pgconn.Connect(ctx, envOf(t, &Way{Env: env}, dbenv.DSNEnv))
	assert.Error(t, err, "the forwarder is gone")

	if n, socket := pgconn.NetworkAddress(config.Host, config.Port); n == "unix" {
		w, err := Open(ctx, dbenv.Postgres, dsn, t.TempDir(), Options{Sandboxed: true})
		require.NoError(t, err)
		defer w.Close()
		assert.Equal(t, []string{socket}, w.Sockets, "the server's own socket, no forwarder")
		require.NoError(t, ping(w))
	}

	w, err = Open(ctx, dbenv.Postgres, tcp, t.TempDir(), Options{})
	require.NoError(t, err)
	defer w.Close()
	assert.Empty(t, w.Sockets, "without a sandbox, no forwarder")
	require.NoError(t, ping(w))
}

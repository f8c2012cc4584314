//go:build koans_mysql

package dbreach

import (
	"context"
	"database/sql"
	"net"
	"path/filepath"
	"strconv"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/mytest"
)

// Pointing a MySQL connection string at a socket keeps everything else it
// says: user, password, database, parameters.
func TestAMySQLConnectionStringKeepsWhatItSays(t *testing.T) {
	dir := t.TempDir()
	network, address, explicit, err := mysql{}.parse("learner:s3cr@t@tcp(db.example:3307)/library?parseTime=true&timeout=5s")
	require.NoError(t, err)
	assert.Equal(t, "tcp", network)
	assert.Equal(t, "db.example:3307", address)
	via, socket, err := mysql{}.via(explicit, dir)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "mysqld.sock"), socket)
	config, err := mysqldriver.ParseDSN(via)
	require.NoError(t, err, via)
	assert.Equal(t, "unix", config.Net)
	assert.Equal(t, socket, config.Addr)
	assert.Equal(t, "learner", config.User)
	assert.Equal(t, "s3cr@t", config.Passwd)
	assert.Equal(t, "library", config.DBName)
	assert.True(t, config.ParseTime)

	_, _, _, err = mysql{}.parse("root@tcp(")
	assert.ErrorContains(t, err, "is not a MySQL connection string")
}

// A MySQL server on TCP is reached through the forwarder's socket, and only
// while the forwarder runs; one on a Unix socket through that socket.
func TestAMySQLServerIsReachedThroughOneSocket(t *testing.T) {
	dsn := mytest.DSN(t)
	config, err := mysqldriver.ParseDSN(dsn)
	require.NoError(t, err)
	ping := func(w *Way) error {
		c, err := mysqldriver.ParseDSN(envOf(t, w, mytest.DSNEnv))
		require.NoError(t, err)
		connector, err := mysqldriver.NewConnector(c)
		require.NoError(t, err)
		db := sql.OpenDB(connector)
		defer db.Close()
		return db.PingContext(context.Background())
	}
	if config.Net == "unix" {
		w, err := Open(t.Context(), dbenv.MySQL, dsn, t.TempDir(), Options{Sandboxed: true})
		require.NoError(t, err)
		defer w.Close()
		assert.Equal(t, []string{config.Addr}, w.Sockets, "the server's own socket, no forwarder")
		assert.Equal(t, dbenv.MySQL, envOf(t, w, dbenv.Env))
		require.NoError(t, ping(w))
		// The same server through TCP, when it listens there too.
		var port int
		db, err := sql.Open("mysql", dsn)
		require.NoError(t, err)
		defer db.Close()
		if db.QueryRow("SELECT @@port").Scan(&port) != nil || port == 0 {
			return
		}
		config.Net, config.Addr = "tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	}
	tcp := config.FormatDSN()
	w, err := Open(t.Context(), dbenv.MySQL, tcp, t.TempDir(), Options{Sandboxed: true})
	require.NoError(t, err)
	require.Len(t, w.Sockets, 1)
	require.NoError(t, ping(w))
	require.NoError(t, w.Close())
	assert.Error(t, ping(w), "the forwarder is gone")

	w, err = Open(t.Context(), dbenv.MySQL, tcp, t.TempDir(), Options{Sandboxed: false})
	require.NoError(t, err)
	defer w.Close()
	assert.Empty(t, w.Sockets, "without a sandbox, no forwarder")
	require.NoError(t, ping(w))
}

// Sandboxed, each koan's process connects as a MySQL user made for it: it
// may create and use the databases named with its prefix, nothing else of
// the server (no other database, no FILE), and it is gone once released,
// with what it left.
func TestAKoanGetsAMySQLUserOfItsOwn(t *testing.T) {
	dsn := mytest.DSN(t)
	w, err := Open(t.Context(), dbenv.MySQL, dsn, t.TempDir(), Options{Sandboxed: true})
	require.NoError(t, err)
	defer w.Close()
	ctx := context.Background()
	env, release, err := w.Koan(ctx)
	require.NoError(t, err)
	prefix := envOf(t, &Way{Env: env}, dbenv.MySQLPrefixEnv)
	c, err := mysqldriver.ParseDSN(envOf(t, &Way{Env: env}, mytest.DSNEnv))
	require.NoError(t, err)
	assert.NotEqual(t, "root", c.User)
	connector, err := mysqldriver.NewConnector(c)
	require.NoError(t, err)
	koan := sql.OpenDB(connector)
	defer koan.Close()
	koan.SetMaxOpenConns(1)

	_, err = koan.Exec("CREATE DATABASE `" + prefix + "koan_0123456789abcdef`")
	require.NoError(t, err, "its own databases")
	_, err = koan.Exec("CREATE TABLE `" + prefix + "koan_0123456789abcdef`.notes (body text)")
	require.NoError(t, err)
	_, err = koan.Exec("CREATE DATABASE someone_elses")
	assert.ErrorContains(t, err, "denied", "no other database")
	_, err = koan.Exec("SELECT 'x' INTO OUTFILE '/tmp/koan-outfile'")
	assert.ErrorContains(t, err, "denied", "no FILE privilege")
	var n int
	err = koan.QueryRow("SELECT count(*) FROM mysql.user").Scan(&n)
	assert.ErrorContains(t, err, "denied", "no user of the server")

	release()
	again := sql.OpenDB(connector) // a connection made before lives on; a new one is refused
	defer again.Close()
	assert.Error(t, again.Ping(), "the user is gone")
	admin, err := adminDB(w.admin)
	require.NoError(t, err)
	defer admin.Close()
	require.NoError(t, admin.QueryRow("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE ?", prefix+"%").Scan(&n))
	assert.Zero(t, n, "what it left is dropped")

	unconfined, err := Open(t.Context(), dbenv.MySQL, dsn, t.TempDir(), Options{Sandboxed: false})
	require.NoError(t, err)
	env, _, err = unconfined.Koan(ctx)
	require.NoError(t, err)
	assert.Equal(t, unconfined.Env, env, "without a sandbox, the connection as given")
}

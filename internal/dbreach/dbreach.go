// Package dbreach gives a graded koan's process its way to the database,
// and nothing more: what its environment says (the database's name and
// connection, nothing else of the grader's) and, in a sandbox without
// network, the one Unix socket it may connect to. A server on a Unix socket
// is reached through that socket; a server on TCP through a forwarder the
// grader runs outside the sandbox, listening on a socket of its own.
//
// Each database with a server says how its connection strings name where it
// listens and how to point them at a socket (server, below): PostgreSQL
// today, MySQL later in the same shape.
package dbreach

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
)

// Way is the way to the database for every koan process of one grader.
type Way struct {
	// Env is all a koan's process is told of the database: KOANS_DB and,
	// for a server, its connection (pointed at the forwarder when there is one).
	Env []string
	// Sockets are the Unix sockets the sandbox must let the process reach.
	Sockets []string
	fwd     *forwarder

	srv      server // the database's server; nil for SQLite
	admin    string // the grader's own connection, never given to a koan
	confined bool   // sandboxed: each koan process gets a user of its own (Koan)
}

// confiner is a server that can give each koan's process a user of its
// own, which may create and use only the databases named with a prefix of
// its own (mysql.go).
type confiner interface {
	// confine makes that user with the grader's connection admin and
	// returns env, a koan's environment, with the koan's connection as that
	// user and what else the koan needs to know; release drops the user
	// and whatever it left.
	confine(ctx context.Context, admin string, env []string) (confined []string, release func() error, err error)
}

// Koan is the environment of one koan's process, and what to call once
// the process has ended. Sandboxed, on a server that can (MySQL), the koan
// connects as a user made for it alone, which reaches its own databases
// and nothing else of the server; elsewhere it is Env, and release does
// nothing.
func (w *Way) Koan(ctx context.Context) (env []string, release func() error, err error) {
	c, ok := w.srv.(confiner)
	if !ok || !w.confined {
		return w.Env, func() error { return nil }, nil
	}
	return c.confine(ctx, w.admin, w.Env)
}

// server is one database server's connection strings.
type server interface {
	// dsnEnv is the variable a koan's process reads the connection from.
	dsnEnv() string
	// parse reads a connection string as the grader's environment
	// completes it (defaults, variables, password file): where the server
	// listens, as net.Dial takes it, and the string with all that written
	// in, since a koan's process has none of that environment.
	parse(dsn string) (network, address, explicit string, err error)
	// via points a connection string at a Unix socket in dir, keeping
	// everything else, and names that socket.
	via(explicit, dir string) (dsn, socket string, err error)
	// reach connects to the server once and hangs up: a learner is told
	// at once, in one line, when nothing answers there.
	reach(ctx context.Context, dsn string) error
}

// servers are the databases with a server, each from a file of its own
// (postgres.go), by dbenv's names.
var servers = map[string]server{dbenv.Postgres: postgres{}}

// Reach checks, in one line a learner can act on, that database db's
// server answers at dsn; nil for a database without a server.
func Reach(ctx context.Context, db, dsn string) error {
	srv, ok := servers[db]
	if !ok {
		return nil
	}
	return srv.reach(ctx, dsn)
}

// Open makes the way to database db (dbenv's names; "" is SQLite) whose
// connection string is dsn (ignored for SQLite). Sandboxed, a server on TCP
// gets a forwarder listening in dir, a private directory that must exist;
// Close stops it.
func Open(db, dsn, dir string, sandboxed bool) (*Way, error) {
	if db == "" {
		db = dbenv.SQLite
	}
	w := &Way{Env: []string{dbenv.Env + "=" + db}}
	srv, ok := servers[db]
	if !ok {
		return w, nil // a file in the koan's own copy: nothing to reach
	}
	network, address, explicit, err := srv.parse(dsn)
	if err != nil {
		return nil, err
	}
	w.srv, w.admin, w.confined = srv, explicit, sandboxed
	switch {
	case !sandboxed:
	case network == "unix":
		w.Sockets = []string{address}
	default:
		var socket string
		if explicit, socket, err = srv.via(explicit, dir); err != nil {
			return nil, err
		}
		if w.fwd, err = forward(socket, network, address); err != nil {
			return nil, fmt.Errorf("forwarding %s to the sandbox: %w", address, err)
		}
		w.Sockets = []string{socket}
	}
	w.Env = append(w.Env, srv.dsnEnv()+"="+explicit)
	return w, nil
}

// Close stops the forwarder, if there is one.
func (w *Way) Close() error {
	if w == nil || w.fwd == nil {
		return nil
	}
	return w.fwd.Close()
}

// maxSocketPath is what a Unix socket's path may hold on Linux (108 bytes
// with the terminating NUL); macOS allows 104.
const maxSocketPath = 103

func checkSocketPath(socket string) error {
	if len(socket) > maxSocketPath {
		return fmt.Errorf("the socket path %s is longer than %d bytes: set TMPDIR to a shorter directory", socket, maxSocketPath)
	}
	if _, err := os.Stat(filepath.Dir(socket)); err != nil {
		return fmt.Errorf("the socket's directory: %w", err)
	}
	return nil
}

// Package dbreach gives a graded koan's process its way to the database,
// and nothing more: what its environment says (the database's name and
// connection, nothing else of the grader's) and, in a sandbox without
// network, the one Unix socket it may connect to. A server on a Unix socket
// is reached through that socket; a server on TCP through a forwarder the
// grader runs outside the sandbox, listening on a socket of its own.
//
// Each database with a server says how its connection strings name where it
// listens and how to point them at a socket (server, below), in a file of
// its own built only with that database's build tag (dbenv's Tag): a CLI
// for SQLite links no server's driver, and is quick to build.
package dbreach

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
)

// Way is the way to the database for every koan process of one grader.
type Way struct {
	// Env is what every koan's process is told of the database: KOANS_DB
	// and, when koans share the connection's role, that connection (pointed
	// at the forwarder when there is one). Koan adds the rest.
	Env []string
	// Sockets are the Unix sockets the sandbox must let the process reach.
	Sockets []string
	// Shared, when not "", says why every koan connects with the role the
	// connection names instead of one of its own: one sentence.
	Shared string
	fwd    *forwarder
	seats  seats          // nil unless each koan gets a role of its own
	drops  sync.WaitGroup // koans' roles being dropped

	srv      server // the database's server; nil for SQLite
	admin    string // the grader's own connection, never given to a koan
	confined bool   // sandboxed: each koan process gets a user of its own (Koan)
}

// Options say how koans run.
type Options struct {
	// Sandboxed: each koan runs in the sandbox, with no network.
	Sandboxed bool
	// AllowSuperuser accepts koans that connect as a superuser when they
	// cannot have roles of their own (AllowSuperuserFlag); without it,
	// sandboxed grading refuses them.
	AllowSuperuser bool
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

// seater is a server that gives each koan a role of its own through the
// grader's connection (postgres.go).
type seater interface {
	// openSeats connects as the admin and checks that koans can have
	// roles of their own. When they cannot, seats is nil and shared says
	// why (one sentence); super says the admin is a superuser.
	openSeats(ctx context.Context, dsn, koanDSN string) (s seats, super bool, shared string, err error)
}

// seats makes and drops koans' roles.
type seats interface {
	seat(ctx context.Context) (koanSeat, error)
	close() error
}

// koanSeat is one koan's role: what its process is told, and its release.
type koanSeat interface {
	env() []string
	release(ctx context.Context) error
}

// servers are the databases with a server linked into this build, each
// registered by its own file (postgres.go, mysql.go) under dbenv's names.
var servers = map[string]server{}

// NotLinked says that this build of the CLI has no driver for a database:
// it was built without the database's build tag.
type NotLinked struct{ Database, Tag string }

func (e *NotLinked) Error() string {
	return fmt.Sprintf("this koans CLI was built without %s (build it with -tags %s)", e.Database, e.Tag)
}

// Linked says whether this build can reach database db (dbenv's names; ""
// is SQLite): SQLite needs no server, the others their build tag.
func Linked(db string) error {
	d, ok := dbenv.Lookup(db)
	if !ok || d.DSNEnv == "" {
		return nil
	}
	if _, ok := servers[d.Name]; !ok {
		return &NotLinked{Database: d.Display, Tag: d.Tag}
	}
	return nil
}

// Reach checks, in one line a learner can act on, that database db's
// server answers at dsn; nil for a database without a server.
func Reach(ctx context.Context, db, dsn string) error {
	if err := Linked(db); err != nil {
		return err
	}
	srv, ok := servers[db]
	if !ok {
		return nil
	}
	return srv.reach(ctx, dsn)
}

// Refused says that PostgreSQL grading cannot keep koans apart as the
// connection is set up, and what to change: one sentence.
type Refused struct{ Why string }

func (r *Refused) Error() string { return r.Why }

// AllowSuperuserFlag is the flag by which an instructor accepts koans that
// connect as a superuser when they cannot have roles of their own.
const AllowSuperuserFlag = "--allow-superuser-koans"

// Open makes the way to database db (dbenv's names; "" is SQLite) whose
// connection string is dsn (ignored for SQLite). Sandboxed, a server on TCP
// gets a forwarder listening in dir, a private directory that must exist.
// On PostgreSQL the connection is the admin's: each koan gets a role of its
// own (Koan), unless that cannot keep koans apart (Shared says why; a
// superuser is then refused when sandboxed, unless opt allows it). Close
// stops it all.
func Open(ctx context.Context, db, dsn, dir string, opt Options) (*Way, error) {
	if db == "" {
		db = dbenv.SQLite
	}
	if err := Linked(db); err != nil {
		return nil, err
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
	w.srv, w.admin, w.confined = srv, explicit, opt.Sandboxed
	switch {
	case !opt.Sandboxed:
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
	if r, ok := srv.(seater); ok {
		seats, super, shared, err := r.openSeats(ctx, dsn, explicit)
		if err != nil {
			w.Close()
			return nil, err
		}
		if seats != nil {
			w.seats = seats
			return w, nil
		}
		if super && opt.Sandboxed && !opt.AllowSuperuser {
			w.Close()
			return nil, &Refused{fmt.Sprintf("the PostgreSQL connection is a superuser's and %s: a koan could run programs on the server; fix that, or pass %s to grade anyway", shared, AllowSuperuserFlag)}
		}
		w.Shared = shared
	}
	w.Env = append(w.Env, srv.dsnEnv()+"="+explicit)
	return w, nil
}

// Koan is what one koan's process is told of the database, and release,
// to call once it has ended: on PostgreSQL, a role and schemas of its own;
// sandboxed on MySQL, a user of its own that reaches only its databases;
// release drops them.
func (w *Way) Koan(ctx context.Context) (env []string, release func(), err error) {
	env = slices.Clone(w.Env)
	if c, ok := w.srv.(confiner); ok && w.confined && w.seats == nil {
		confined, drop, err := c.confine(ctx, w.admin, env)
		if err != nil {
			return nil, nil, err
		}
		return confined, func() { _ = drop() }, nil
	}
	if w.seats == nil {
		return env, func() {}, nil
	}
	s, err := w.seats.seat(ctx)
	if err != nil {
		return nil, nil, err
	}
	// The role is dropped behind the koan, while the next one runs: Close
	// waits for every drop.
	release = func() {
		w.drops.Go(func() { _ = s.release(context.WithoutCancel(ctx)) })
	}
	return append(env, s.env()...), release, nil
}

// Close stops the forwarder, if there is one, and the admin's connection.
func (w *Way) Close() error {
	if w == nil {
		return nil
	}
	w.drops.Wait()
	var err error
	if w.seats != nil {
		err = w.seats.close()
	}
	if w.fwd != nil {
		err = errors.Join(err, w.fwd.Close())
	}
	return err
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

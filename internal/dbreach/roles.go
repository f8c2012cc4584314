//go:build koans_postgres

package dbreach

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/fixtures/dbenv/pgreach"
)

// roles gives each graded koan on PostgreSQL a role of its own: not a
// superuser, no CREATE on the database, in no predefined role, owning only
// the schemas made for it (SchemasPerKoan), logging in with a password no
// one else knows. The connection the grader is given is the admin: it makes
// and drops these roles, and no koan ever gets it.
type roles struct {
	admin *sql.DB
	// koanDSN is the connection a koan's process gets, its user and
	// password still to be set.
	koanDSN string
	// grant: the admin is not a superuser, so it makes itself a member of
	// each koan's role, to drop what the role owns and end its sessions.
	grant bool
}

// SchemasPerKoan is how many databases (fixtures.Library, Empty) one graded
// koan may open on PostgreSQL: the shipped koans open two at most.
const SchemasPerKoan = 3

// connectionLimit bounds the sessions of one koan's role: its pools (four
// connections each) and no more, so that a koan cannot take the server's.
const connectionLimit = 12

// openSeats connects as the admin and checks that koans can be given roles
// of their own that keep them apart (seater).
func (postgres) openSeats(ctx context.Context, dsn, koanDSN string) (seats, bool, string, error) {
	r, super, shared, err := openRoles(ctx, dsn, koanDSN)
	if r == nil {
		return nil, super, shared, err
	}
	return r, super, shared, err
}

// openRoles connects as the admin and checks that koans can be given roles
// of their own that keep them apart. shared is why they cannot (one
// sentence) and roles nil then; super says the admin is a superuser.
func openRoles(ctx context.Context, dsn, koanDSN string) (r *roles, super bool, shared string, err error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, false, "", pgreach.BadDSN(err)
	}
	// Names the admin sends are the catalog's, never a koan's look-alikes.
	config.RuntimeParams["search_path"] = "pg_catalog"
	config.RuntimeParams["application_name"] = "koans grade"
	admin := stdlib.OpenDB(*config)
	// Koans' roles are made as their koans start and dropped behind them,
	// a few at once.
	admin.SetMaxOpenConns(4)
	admin.SetMaxIdleConns(4)
	var user, database string
	var createRole bool
	err = admin.QueryRowContext(ctx, `SELECT current_user, current_database(), rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user`).
		Scan(&user, &database, &super, &createRole)
	if err != nil {
		admin.Close()
		if reachErr := pgreach.Reach(ctx, dsn); reachErr != nil {
			return nil, false, "", reachErr
		}
		return nil, false, "", fmt.Errorf("asking PostgreSQL what role %s is: %w", dbenv.DSNEnv, err)
	}
	if !super && !createRole {
		admin.Close()
		return nil, false, fmt.Sprintf("role %s may not create roles (CREATEROLE), so every koan connects as %s", user, user), nil
	}
	r = &roles{admin: admin, koanDSN: koanDSN, grant: !super}
	r.sweep(ctx)
	if why, err := r.probe(ctx, user, database); err != nil || why != "" {
		admin.Close()
		return nil, super, why, err
	}
	return r, super, "", nil
}

// probe makes one koan's role and checks, through the way koans reach the
// server, that it logs in with its password and not without, that no
// superuser (the admin first) logs in without theirs, and that the role may
// create nothing outside its schemas. A reason is returned when koans could
// not be kept apart; an error when the probe itself failed.
func (r *roles) probe(ctx context.Context, admin, database string) (string, error) {
	s, err := r.newSeat(ctx)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42501" { // insufficient_privilege
		return "", &Refused{fmt.Sprintf("role %s may not make a koan's role and schemas in database %s (%s): make it the database's owner, as docs/grading.md shows", admin, database, pgErr.Message)}
	}
	if err != nil {
		return "", err
	}
	defer s.release(context.WithoutCancel(ctx))
	conn, err := connect(ctx, s.dsn)
	if err != nil {
		return fmt.Sprintf("a role made for a koan could not log in (%s): let roles log in with a password where the grader connects (pg_hba.conf: scram-sha-256 or md5, not peer)", short(err)), nil
	}
	var createDB, createPublic bool
	err = conn.QueryRow(ctx, `SELECT has_database_privilege(current_database(), 'CREATE'), has_schema_privilege('public', 'CREATE')`).Scan(&createDB, &createPublic)
	conn.Close(ctx)
	if err != nil {
		return "", fmt.Errorf("asking what a koan's role may do: %w", err)
	}
	if createDB {
		return "", &Refused{fmt.Sprintf("every role may create schemas in database %s, koans' too: run `REVOKE CREATE ON DATABASE %s FROM PUBLIC` or grade in another database", database, pgx.Identifier{database}.Sanitize())}
	}
	if createPublic {
		return "", &Refused{fmt.Sprintf("every role may create tables in schema public of database %s, koans' too: run `REVOKE CREATE ON SCHEMA public FROM PUBLIC` there or grade in another database", database)}
	}
	supers := []string{admin}
	rows, err := r.admin.QueryContext(ctx, `SELECT rolname FROM pg_roles WHERE rolsuper AND rolcanlogin AND rolname <> current_user ORDER BY oid LIMIT 4`)
	if err != nil {
		return "", fmt.Errorf("listing PostgreSQL's superusers: %w", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return "", fmt.Errorf("listing PostgreSQL's superusers: %w", err)
		}
		supers = append(supers, name)
	}
	rows.Close()
	wrong := secret()
	for _, who := range append([]string{s.role}, supers...) {
		dsn, err := withSettings(r.koanDSN, map[string]string{"user": who, "password": wrong})
		if err != nil {
			return "", err
		}
		if c, err := connect(ctx, dsn); err == nil {
			c.Close(ctx)
			return fmt.Sprintf("PostgreSQL lets a koan log in as %s without a password (trust or peer authentication where the grader connects), so roles of their own would not keep koans apart", who), nil
		}
	}
	return "", nil
}

// connect opens one connection to dsn, as a koan's process would.
func connect(ctx context.Context, dsn string) (*pgx.Conn, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, pgreach.BadDSN(err)
	}
	config.ConnectTimeout = 5 * time.Second
	return pgx.ConnectConfig(ctx, config)
}

// short is a connection error's first line, its server's message if any.
func short(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// A seat is one koan's place on the server: its role, with a password, and
// the schemas it owns.
type seat struct {
	role     string
	password string
	dsn      string
	schemas  []string
	r        *roles
}

// seat makes a role and its schemas for one koan (seats).
func (r *roles) seat(ctx context.Context) (koanSeat, error) {
	s, err := r.newSeat(ctx)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (r *roles) newSeat(ctx context.Context) (*seat, error) {
	role, err := roleName()
	if err != nil {
		return nil, err
	}
	s := &seat{role: role, password: secret(), r: r}
	id := pgx.Identifier{role}.Sanitize()
	stmts := []string{
		fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT %d", id, s.password, connectionLimit),
	}
	if r.grant {
		stmts = append(stmts, "GRANT "+id+" TO CURRENT_USER")
	}
	for i := range SchemasPerKoan {
		schema := role
		if i > 0 {
			schema = fmt.Sprintf("%s_%d", role, i)
		}
		s.schemas = append(s.schemas, schema)
		stmts = append(stmts, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()+" AUTHORIZATION "+id)
	}
	// One round trip: the simple protocol runs them as one transaction.
	if _, err := r.admin.ExecContext(ctx, strings.Join(stmts, "; ")); err != nil {
		return nil, fmt.Errorf("making a PostgreSQL role for a koan: %w", err)
	}
	s.dsn, err = withSettings(r.koanDSN, map[string]string{"user": role, "password": s.password})
	if err != nil {
		s.release(context.WithoutCancel(ctx))
		return nil, err
	}
	return s, nil
}

// env is what the koan's process is told: its connection and its schemas.
func (s *seat) env() []string {
	return []string{dbenv.DSNEnv + "=" + s.dsn, dbenv.SchemasEnv + "=" + strings.Join(s.schemas, ",")}
}

// release ends the role's sessions and drops it with all it owns.
func (s *seat) release(ctx context.Context) error {
	return s.r.drop(ctx, s.role)
}

// drop takes role's login away, ends its sessions (a query the koan left
// running on the server, a transaction holding locks), drops everything
// it owns in this database and the role itself.
func (r *roles) drop(ctx context.Context, role string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	id := pgx.Identifier{role}.Sanitize()
	// Its login goes first, on its own: it stays gone even if what
	// follows fails (a large object in another database keeps the role).
	if _, err := r.admin.ExecContext(ctx, "ALTER ROLE "+id+" NOLOGIN"); err != nil {
		return fmt.Errorf("dropping a koan's role %s: %w", role, err)
	}
	// One round trip; the name is ours (roleName), quoted all the same.
	literal := "'" + strings.ReplaceAll(role, "'", "''") + "'"
	if _, err := r.admin.ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = "+literal+"; DROP OWNED BY "+id+" CASCADE; DROP ROLE "+id); err != nil {
		return fmt.Errorf("dropping a koan's role %s: %w", role, err)
	}
	return nil
}

// roleName is a new role's name, which is also its first schema's: koan_,
// the time it was made (8 hex digits of Unix seconds, so that a sweep can
// tell its age) and 8 random hex digits, as the fixtures name schemas.
func roleName() (string, error) {
	b := make([]byte, 8)
	binary.BigEndian.PutUint32(b, uint32(time.Now().Unix()))
	if _, err := rand.Read(b[4:]); err != nil {
		return "", fmt.Errorf("naming a koan's role: %w", err)
	}
	return "koan_" + hex.EncodeToString(b), nil
}

// secret is a password no one guesses.
func secret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// staleAfter is the age past which a koan's role is left over: its grader
// was killed before it could drop it.
const staleAfter = time.Hour

// sweep drops the roles of koans whose grader died an hour ago or more.
// What cannot be dropped (a role owning objects in another database) stays,
// without its login.
func (r *roles) sweep(ctx context.Context) {
	rows, err := r.admin.QueryContext(ctx, `SELECT rolname FROM pg_roles WHERE rolname ~ '^koan_[0-9a-f]{16}$'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			break
		}
		made, err := hex.DecodeString(name[len("koan_"):][:8])
		if err == nil && time.Since(time.Unix(int64(binary.BigEndian.Uint32(made)), 0)) > staleAfter {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		_ = r.drop(ctx, name)
	}
}

func (r *roles) close() error {
	if r == nil {
		return nil
	}
	return r.admin.Close()
}

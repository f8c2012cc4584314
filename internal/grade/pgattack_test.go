package grade

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/dbreach"
	"github.com/gorm-koans/gorm-koans/internal/pgtest"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// pgAttacks are koans that pass only when their code, connected as the
// fixtures connect a graded koan, reaches past its own schema on the
// server: a program run by the server, a setting every later connection
// gets, a schema of its own making, another koan's rows, the server's
// files, the admin's login. Written as originals, so that only the
// database's roles stand in the way. TestVictim passes when nothing it
// holds was read or changed while TestOtherSchema looked for it.
const pgAttacks = `package pgattack

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestProgram: runs a program on the server, as its OS user.
func TestProgram(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("COPY (SELECT 1) TO PROGRAM 'touch %[1]s'").Error)
}

// TestDatabaseSetting: gives every later connection to the database a setting.
func TestDatabaseSetting(t *testing.T) {
	db, _ := fixtures.Library(t)
	var name string
	require.NoError(t, db.Raw("SELECT current_database()").Scan(&name).Error)
	require.NoError(t, db.Exec("ALTER DATABASE \"" + name + "\" SET statement_timeout = '1ms'").Error)
}

// TestRoleSetting: gives every role's later connections a setting.
func TestRoleSetting(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("ALTER ROLE ALL SET statement_timeout = '1ms'").Error)
}

// TestAdminSetting: gives the grader's own role a setting.
func TestAdminSetting(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("ALTER ROLE \"%[2]s\" SET search_path = 'nowhere'").Error)
}

// TestCreateSchema: makes a schema of its own.
func TestCreateSchema(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("CREATE SCHEMA koans_planted").Error)
}

// TestPublicTable: plants a table where others look.
func TestPublicTable(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("CREATE TABLE public.authors (id int)").Error)
}

// TestReadServerFile: reads a file of the server's.
func TestReadServerFile(t *testing.T) {
	db, _ := fixtures.Library(t)
	var s string
	require.NoError(t, db.Raw("SELECT pg_read_file('/etc/hostname')").Scan(&s).Error)
}

// TestCopyFromFile: loads a file of the server's into a table.
func TestCopyFromFile(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("CREATE TABLE lines (line text)").Error)
	require.NoError(t, db.Exec("COPY lines FROM '/etc/hostname'").Error)
}

// TestAlterSystem: changes the server's own configuration.
func TestAlterSystem(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("ALTER SYSTEM SET statement_timeout = '1ms'").Error)
}

// TestEndOthers: ends every other session on the server, the grader's too.
func TestEndOthers(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND usename IS NOT NULL AND usename <> current_user").Error)
}

// TestServerFileRoles: joins the roles that read, write and run on the server.
func TestServerFileRoles(t *testing.T) {
	db, _ := fixtures.Library(t)
	require.NoError(t, db.Exec("GRANT pg_read_server_files, pg_write_server_files, pg_execute_server_program TO CURRENT_USER").Error)
}

// TestLoginAsAdmin: logs in as the grader's role, without its password.
func TestLoginAsAdmin(t *testing.T) {
	config, err := pgx.ParseConfig(os.Getenv("KOANS_POSTGRES_DSN"))
	require.NoError(t, err)
	config.User, config.Password = "%[2]s", ""
	conn, err := pgx.ConnectConfig(context.Background(), config)
	require.NoError(t, err)
	conn.Close(context.Background())
}

// TestOtherSchema: reads and writes the schema of the koan that runs beside it.
func TestOtherSchema(t *testing.T) {
	db, _ := fixtures.Library(t)
	var mine string
	require.NoError(t, db.Raw("SELECT current_schema()").Scan(&mine).Error)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var others []string
		require.NoError(t, db.Raw("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'koan\\_%%' AND nspname NOT LIKE ?", mine+"%%").Scan(&others).Error)
		for _, o := range others {
			if !strings.HasPrefix(o, "koan_") {
				continue
			}
			var n int64
			err := db.Raw("SELECT count(*) FROM \"" + o + "\".authors").Scan(&n).Error
			err2 := db.Exec("UPDATE \"" + o + "\".authors SET name = 'pwned'").Error
			require.NoError(t, err)
			require.NoError(t, err2)
			return
		}
	}
	t.Fatal("no other koan's schema seen")
}

// TestVictim: holds its rows while TestOtherSchema runs; passes when they are untouched.
func TestVictim(t *testing.T) {
	db, _ := fixtures.Library(t)
	time.Sleep(8 * time.Second)
	var n int64
	require.NoError(t, db.Table("authors").Where("name = 'pwned'").Count(&n).Error)
	require.Zero(t, n)
}
`

// pgHonest is a koan that passes on a server no one has changed: its
// settings as the server's, its library as seeded, nothing planted.
const pgHonest = `package pghonest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestHonest: counts the authors, as a later submission would.
func TestHonest(t *testing.T) {
	db, _ := fixtures.Library(t)
	var timeout string
	require.NoError(t, db.Raw("SHOW statement_timeout").Scan(&timeout).Error)
	require.Equal(t, "0", timeout)
	var n int64
	require.NoError(t, db.Table("authors").Count(&n).Error)
	require.EqualValues(t, 9, n)
}
`

// The acceptance for PostgreSQL: graded in the sandbox, a koan's
// code, in its role, cannot run a program on the server, change a setting
// a later connection gets, create a schema, reach another koan's schema,
// read the server's files or log in as the admin; and an honest
// submission graded after it scores in full.
func TestAKoanIsNotASuperuser(t *testing.T) {
	dsn := pgtest.DSN(t)
	pgtest.Linked(t)
	sb := needSandbox(t)
	config, err := pgx.ParseConfig(dsn)
	require.NoError(t, err)
	// A database of the test's own: what is left in it afterwards is this
	// grader's, not that of koans other test processes run on the server.
	config.Database = ownDatabase(t, config, "koans_attack_")
	dsn = keywordDSN(config)
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	marker := filepath.Join(os.TempDir(), "koans-pwned-"+hex.EncodeToString(b))
	t.Cleanup(func() { os.Remove(marker) })

	root := onePhase(t, "pgattack", fmt.Sprintf(pgAttacks, marker, config.User))
	orig, cat := load(t, root)
	g := New(orig, cat.On(dbenv.Postgres))
	g.Database, g.DSN, g.Sandbox = dbenv.Postgres, dsn, sb
	g.Timeout = 30 * time.Second
	defer g.Close()
	s := g.Grade(t.Context(), root)
	require.NoError(t, s.Err)
	require.Empty(t, g.Shared(), "each koan has a role of its own")
	// Each attack was made, and the server refused it for want of a right
	// (SQLSTATE 42501, insufficient_privilege) or of a password (28P01).
	denied := map[string]string{
		"TestProgram":         "pg_execute_server_program role to COPY to or from an external program (SQLSTATE 42501)",
		"TestDatabaseSetting": "must be owner of database",
		"TestRoleSetting":     "must be superuser to alter settings globally (SQLSTATE 42501)",
		"TestAdminSetting":    "(SQLSTATE 42501)", // "must be superuser to alter superusers", or "permission denied" for an admin that is not one
		"TestCreateSchema":    "permission denied for database",
		"TestPublicTable":     "permission denied for schema public (SQLSTATE 42501)",
		"TestReadServerFile":  "permission denied for function pg_read_file (SQLSTATE 42501)",
		"TestServerFileRoles": "must have admin option on role \"pg_read_server_files\" (SQLSTATE 42501)",
		"TestCopyFromFile":    "pg_read_server_files role to COPY from a file (SQLSTATE 42501)",
		"TestAlterSystem":     "(SQLSTATE 42501)",
		"TestEndOthers":       "(SQLSTATE 42501)",
		"TestLoginAsAdmin":    "password authentication failed for user \"" + config.User + "\" (SQLSTATE 28P01)",
		"TestOtherSchema":     "permission denied for schema koan_",
	}
	for _, k := range s.Sheet.Koans {
		t.Logf("%s: %s %s", k.Koan.Name, k.Verdict(), runner.FirstLine(k.Message))
		if k.Koan.Name == "TestVictim" {
			assert.Equal(t, k.Points, k.Score, "TestVictim: %s", k.Message)
			continue
		}
		assert.Zero(t, k.Score, k.Koan.Name)
		assert.Equal(t, runner.Fail, k.Status, k.Koan.Name)
		assert.Contains(t, k.Message+strings.Join(k.Details, "\n"), denied[k.Koan.Name], k.Koan.Name)
	}
	_, err = os.Stat(marker)
	assert.ErrorIs(t, err, os.ErrNotExist, "COPY … TO PROGRAM ran")

	// Nothing is left of the koans' roles and schemas once the grader is
	// closed (it drops them behind their koans), and no setting was made
	// on the database or any role. Schemas are the database's own; roles
	// are the server's, so those counted are the ones that hold anything
	// in this database (a koan's role owns its schemas here).
	require.NoError(t, g.Close())
	ctx := context.Background()
	conn, err := pgx.ConnectConfig(ctx, config)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var left, settings int
	require.NoError(t, conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM pg_roles r WHERE rolname LIKE 'koan\_%' AND EXISTS (
			SELECT 1 FROM pg_shdepend d JOIN pg_database db ON db.oid = d.dbid
			WHERE d.refobjid = r.oid AND db.datname = current_database()))
		+ (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'koan%'),
		(SELECT count(*) FROM pg_db_role_setting)`).Scan(&left, &settings))
	assert.Zero(t, left, "koans' roles and schemas left behind")
	assert.Zero(t, settings, "settings made on the database or a role")

	// A later submission, graded by another grader, scores in full.
	honest := onePhase(t, "pghonest", pgHonest)
	orig, cat = load(t, honest)
	h := New(orig, cat.On(dbenv.Postgres))
	h.Database, h.DSN, h.Sandbox = dbenv.Postgres, dsn, sb
	defer h.Close()
	assert.Equal(t, map[string]int{"TestHonest": 1}, scores(t, h, honest))
}

// A grader refuses, in one sentence, to let koans connect as a superuser
// when they cannot have roles of their own, unless told to accept it; a
// role that may not create roles makes koans share it, and says so; and a
// database where every role may create schemas is refused.
func TestKoansAreRefusedASuperuser(t *testing.T) {
	dsn := pgtest.DSN(t)
	pgtest.Linked(t)
	config, err := pgx.ParseConfig(dsn)
	require.NoError(t, err)
	ctx := context.Background()
	conn, err := pgx.ConnectConfig(ctx, config)
	require.NoError(t, err)
	defer conn.Close(ctx)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	suffix := hex.EncodeToString(b)
	plain, password := "koans_plain_"+suffix, suffix+"pw"
	_, err = conn.Exec(ctx, fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s'", plain, password))
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = conn.Exec(ctx, "DROP ROLE "+plain) })
	// A database no role but the admin may connect to: koans' roles
	// cannot log in there.
	closed := ownDatabase(t, config, "koans_closed_")
	_, err = conn.Exec(ctx, "REVOKE CONNECT ON DATABASE "+closed+" FROM PUBLIC")
	require.NoError(t, err)

	open := func(c *pgx.ConnConfig, allow bool) (*dbreach.Way, error) {
		return dbreach.Open(ctx, dbenv.Postgres, keywordDSN(c), t.TempDir(), dbreach.Options{Sandboxed: true, AllowSuperuser: allow})
	}
	super := config.Copy()
	super.Database = closed
	_, err = open(super, false)
	var refused *dbreach.Refused
	require.ErrorAs(t, err, &refused)
	assert.Contains(t, err.Error(), "superuser")
	assert.Contains(t, err.Error(), dbreach.AllowSuperuserFlag)
	assert.NotContains(t, err.Error(), "\n")
	w, err := open(super, true)
	require.NoError(t, err, "accepted")
	assert.Contains(t, w.Shared, "could not log in")
	w.Close()

	plainConfig := config.Copy()
	plainConfig.User, plainConfig.Password = plain, password
	w, err = open(plainConfig, false)
	require.NoError(t, err, "not a superuser: graded, with its role shared")
	assert.Contains(t, w.Shared, "may not create roles")
	w.Close()

	_, err = conn.Exec(ctx, "GRANT CONNECT, CREATE ON DATABASE "+closed+" TO PUBLIC")
	require.NoError(t, err)
	_, err = open(super, true)
	require.ErrorAs(t, err, &refused)
	assert.Contains(t, err.Error(), "REVOKE CREATE ON DATABASE")
}

// ownDatabase makes a database named prefix and random hex digits on the
// server config reaches, dropped when the test ends, and returns its name.
func ownDatabase(t *testing.T, config *pgx.ConnConfig, prefix string) string {
	t.Helper()
	config = config.Copy() // the caller may point its own at the new database
	ctx := context.Background()
	conn, err := pgx.ConnectConfig(ctx, config)
	require.NoError(t, err)
	defer conn.Close(ctx)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := prefix + hex.EncodeToString(b)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		conn, err := pgx.ConnectConfig(ctx, config)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		_, _ = conn.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)")
	})
	return name
}

// keywordDSN is config as a keyword/value connection string, each value
// quoted (an empty password stays empty).
func keywordDSN(c *pgx.ConnConfig) string {
	q := func(v string) string { return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'" }
	return fmt.Sprintf("host=%s port=%d user=%s password=%s dbname=%s sslmode=disable", q(c.Host), c.Port, q(c.User), q(c.Password), q(c.Database))
}

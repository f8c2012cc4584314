//go:build koans_mysql

package dbreach

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/fixtures/dbenv/myreach"
)

func init() { servers[dbenv.MySQL] = mysql{} }

// mysql reads connection strings as go-sql-driver/mysql does
// (user:password@tcp(host:port)/dbname?params, or @unix(/path/to/socket)):
// they say everything themselves, no variable or file adds to them.
type mysql struct{}

func (mysql) dsnEnv() string { d, _ := dbenv.Lookup(dbenv.MySQL); return d.DSNEnv }

func (mysql) reach(ctx context.Context, dsn string) error { return myreach.Reach(ctx, dsn) }

func (mysql) parse(dsn string) (network, address, explicit string, err error) {
	config, err := myreach.Parse(dsn)
	if err != nil {
		return "", "", "", err
	}
	return config.Net, config.Addr, config.FormatDSN(), nil
}

// via: the socket is named in the connection string itself,
// @unix(DIR/mysqld.sock); user, password, database and parameters are kept.
func (mysql) via(explicit, dir string) (string, string, error) {
	config, err := myreach.Parse(explicit)
	if err != nil {
		return "", "", err
	}
	socket := filepath.Join(filepath.Clean(dir), "mysqld.sock")
	if err := checkSocketPath(socket); err != nil {
		return "", "", err
	}
	config.Net, config.Addr = "unix", socket
	return config.FormatDSN(), socket, nil
}

// confine makes a user for one koan's process, with a password of its own
// and every privilege on the databases whose names start with a prefix of
// its own, and none elsewhere: no other database, no FILE, no PROCESS, no
// user of the server. It is made for 'localhost' (a Unix socket) and '%'
// (TCP, through the forwarder).
func (mysql) confine(ctx context.Context, admin string, env []string) ([]string, func() error, error) {
	random := make([]byte, 22)
	if _, err := rand.Read(random); err != nil {
		return nil, nil, err
	}
	id := hex.EncodeToString(random)
	user, password, prefix := "kg"+id[:12], id[12:], "kg"+id[:12]+"_"
	varName := mysql{}.dsnEnv() + "="
	var koanDSN string
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, varName); ok {
			koanDSN = v
			continue
		}
		out = append(out, kv)
	}
	config, err := myreach.Parse(koanDSN)
	if err != nil {
		return nil, nil, err
	}
	config.User, config.Passwd = user, password
	db, err := adminDB(admin)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	pattern := strings.ReplaceAll(prefix, "_", `\_`) + "%"
	for _, host := range []string{"localhost", "%"} {
		account := fmt.Sprintf("'%s'@'%s'", user, host)
		for _, stmt := range []string{
			"CREATE USER " + account + " IDENTIFIED BY '" + password + "'",
			"GRANT ALL PRIVILEGES ON `" + pattern + "`.* TO " + account,
		} {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				dropUser(context.Background(), db, user)
				return nil, nil, fmt.Errorf("making a MySQL user for the koan (the grader's user needs CREATE USER and GRANT OPTION): %w", err)
			}
		}
	}
	release := func() error {
		db, err := adminDB(admin)
		if err != nil {
			return err
		}
		defer db.Close()
		ctx := context.Background()
		// A koan killed before it dropped its database leaves it: gone now.
		rows, err := db.QueryContext(ctx, "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ?", pattern)
		if err == nil {
			var left []string
			for rows.Next() {
				var name string
				if rows.Scan(&name) == nil {
					left = append(left, name)
				}
			}
			rows.Close()
			for _, name := range left {
				_, _ = db.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+name+"`")
			}
		}
		return dropUser(ctx, db, user)
	}
	return append(out, varName+config.FormatDSN(), dbenv.MySQLPrefixEnv+"="+prefix), release, nil
}

// adminDB is the grader's own connection to the server.
func adminDB(admin string) (*sql.DB, error) {
	config, err := myreach.Parse(admin)
	if err != nil {
		return nil, err
	}
	config.DBName = ""
	connector, err := mysqldriver.NewConnector(config)
	if err != nil {
		return nil, myreach.BadDSN(err)
	}
	return sql.OpenDB(connector), nil
}

func dropUser(ctx context.Context, db *sql.DB, user string) error {
	var first error
	for _, host := range []string{"localhost", "%"} {
		if _, err := db.ExecContext(ctx, fmt.Sprintf("DROP USER IF EXISTS '%s'@'%s'", user, host)); err != nil && first == nil {
			first = err
		}
	}
	return first
}

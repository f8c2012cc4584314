package dbreach

import (
	"context"
	"path/filepath"

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

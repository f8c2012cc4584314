//go:build koans_postgres

package dbreach

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/fixtures/dbenv/pgreach"
)

// postgres reads connection strings as pgx does (pgconn.ParseConfig: URL or
// key=value, libpq's defaults and PG* variables).
type postgres struct{}

func init() { servers[dbenv.Postgres] = postgres{} }

func (postgres) dsnEnv() string { return dbenv.DSNEnv }

func (postgres) reach(ctx context.Context, dsn string) error { return pgreach.Reach(ctx, dsn) }

func (postgres) parse(dsn string) (network, address, explicit string, err error) {
	config, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return "", "", "", pgreach.BadDSN(err)
	}
	network, address = pgconn.NetworkAddress(config.Host, config.Port)
	// A list of hosts comes down to the first: the one the sandbox reaches.
	set := map[string]string{
		"host": config.Host, "port": strconv.Itoa(int(config.Port)),
		"user": config.User, "dbname": config.Database,
	}
	if config.Password != "" {
		set["password"] = config.Password
	}
	explicit, err = withSettings(dsn, set)
	return network, address, explicit, err
}

// via: pgx finds a server's socket as DIR/.s.PGSQL.PORT.
func (postgres) via(explicit, dir string) (string, string, error) {
	config, err := pgconn.ParseConfig(explicit)
	if err != nil {
		return "", "", pgreach.BadDSN(err)
	}
	port := strconv.Itoa(int(config.Port))
	_, socket := pgconn.NetworkAddress(dir, config.Port)
	if err := checkSocketPath(socket); err != nil {
		return "", "", err
	}
	dsn, err := withSettings(explicit, map[string]string{"host": filepath.Clean(dir), "port": port})
	return dsn, socket, err
}

// withSettings returns dsn with the settings in set, in place of its own,
// and everything else it says kept: sslmode, application_name, options…
func withSettings(dsn string, set map[string]string) (string, error) {
	keys := slices.Sorted(maps.Keys(set))
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("%s is not a PostgreSQL URL: %w", dbenv.DSNEnv, err)
		}
		// pgx reads the query after the host, user and path: it wins. The
		// URL's own are dropped so that nothing is said twice.
		q := u.Query()
		for _, k := range keys {
			q.Set(k, set[k])
		}
		u.User, u.Host, u.Path, u.RawPath = nil, "", "/", ""
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	// In key=value form a later key wins over an earlier one.
	var b strings.Builder
	b.WriteString(strings.TrimSpace(dsn))
	for _, k := range keys {
		v := strings.ReplaceAll(strings.ReplaceAll(set[k], `\`, `\\`), `'`, `\'`)
		fmt.Fprintf(&b, " %s='%s'", k, v)
	}
	return strings.TrimSpace(b.String()), nil
}

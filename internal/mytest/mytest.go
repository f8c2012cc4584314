// Package mytest gives tests the MySQL or MariaDB server they run against:
// the one KOANS_MYSQL_DSN names.
package mytest

import (
	"os"
	"testing"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
)

// DSNEnv is MySQL's connection string variable.
var DSNEnv = func() string { d, _ := dbenv.Lookup(dbenv.MySQL); return d.DSNEnv }()

// DSN is the server KOANS_MYSQL_DSN names. Without one the test skips,
// except in CI, which starts a server (.ci/with-mysql) and must not pass
// by skipping.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(DSNEnv)
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: CI runs the tests under .ci/with-mysql", DSNEnv)
		}
		t.Skipf("no MySQL server: set %s (or run under .ci/with-mysql)", DSNEnv)
	}
	return dsn
}

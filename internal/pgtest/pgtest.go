// Package pgtest gives tests the PostgreSQL server they run against: the
// one KOANS_POSTGRES_DSN names.
package pgtest

import (
	"os"
	"testing"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
)

// DSN is the server KOANS_POSTGRES_DSN names. Without one the test skips,
// except in CI, which starts a server (.ci/with-postgres) and must not pass
// by skipping.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(dbenv.DSNEnv)
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: CI runs the tests under .ci/with-postgres", dbenv.DSNEnv)
		}
		t.Skipf("no PostgreSQL server: set %s (or run under .ci/with-postgres)", dbenv.DSNEnv)
	}
	return dsn
}

package pgtest

import (
	"os"
	"testing"
)

// Linked is for a test that reaches PostgreSQL through the harness in its
// own process, which links PostgreSQL's driver only with the build tag
// koans_postgres (.ci/test passes it beside a server). Without the tag the
// test skips, except in CI, which must not pass by skipping.
func Linked(t testing.TB) {
	t.Helper()
	if linked {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("this test binary was built without -tags koans_postgres: CI runs the tests with it")
	}
	t.Skipf("PostgreSQL's driver is not linked: run go test -tags koans_postgres")
}

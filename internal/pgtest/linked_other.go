//go:build !koans_postgres

package pgtest

// linked: without its build tag, PostgreSQL's driver is not in the build.
const linked = false

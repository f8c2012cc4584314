//go:build koans_postgres

package pgtest

const linked = true

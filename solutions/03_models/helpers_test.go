package models

import (
	"testing"

	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// schemaOf is what GORM makes of a model: the *schema.Schema it parses from
// the struct once and caches (TestSchemaIsGORMsMetadata shows it).
func schemaOf(t *testing.T, db *gorm.DB, model any) *schema.Schema {
	t.Helper()
	stmt := &gorm.Statement{DB: db}
	require.NoError(t, stmt.Parse(model))
	return stmt.Schema
}

// columnNames lists a table's columns as the database has them, in order.
func columnNames(t *testing.T, db *gorm.DB, model any) []string {
	t.Helper()
	columns, err := db.Migrator().ColumnTypes(model)
	require.NoError(t, err)
	var names []string
	for _, c := range columns {
		names = append(names, c.Name())
	}
	return names
}

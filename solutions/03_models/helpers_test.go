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

// columnTypesOf reads a table's columns back from the database: each one's
// type, in the database's own name, and whether it may hold NULL.
func columnTypesOf(t *testing.T, db *gorm.DB, model any) (typeOf map[string]string, nullable map[string]bool) {
	t.Helper()
	columns, err := db.Migrator().ColumnTypes(model)
	require.NoError(t, err)
	typeOf, nullable = map[string]string{}, map[string]bool{}
	for _, c := range columns {
		typeOf[c.Name()] = c.DatabaseTypeName()
		nullable[c.Name()], _ = c.Nullable()
	}
	return typeOf, nullable
}

// dataTypesOf is GORM's own, database-neutral DataType of each column.
func dataTypesOf(t *testing.T, db *gorm.DB, model any) map[string]string {
	t.Helper()
	dataType := map[string]string{}
	for _, f := range schemaOf(t, db, model).Fields {
		dataType[f.DBName] = string(f.DataType)
	}
	return dataType
}

// uniqueByTag reports whether GORM itself knows that field (a Go field name)
// of model is unique: a `unique` tag, or a unique index GORM parsed from
// an index tag. DDL typed into a type: tag ("text UNIQUE") is text GORM
// passes on without reading, so it does not count.
func uniqueByTag(t *testing.T, db *gorm.DB, model any, field string) bool {
	t.Helper()
	s := schemaOf(t, db, model)
	if f := s.LookUpField(field); f != nil && f.Unique {
		return true
	}
	for _, idx := range s.ParseIndexes() {
		if idx.Class == "UNIQUE" && len(idx.Fields) == 1 && idx.Fields[0].Name == field {
			return true
		}
	}
	return false
}

// checkedByTag reports whether GORM parsed a check: tag on field (a Go
// field name) of model. A CHECK typed into a type: tag does not count.
func checkedByTag(t *testing.T, db *gorm.DB, model any, field string) bool {
	t.Helper()
	for _, c := range schemaOf(t, db, model).ParseCheckConstraints() {
		if c.Field != nil && c.Field.Name == field {
			return true
		}
	}
	return false
}

// pinSQLMode makes the koan's pool one connection and sets that
// connection's sql_mode, so that every statement after it runs in that
// mode: what a server configured so would do (MySQL 8's default mode has
// NO_ZERO_DATE, MariaDB's has not), whichever the koans run on.
func pinSQLMode(t *testing.T, db *gorm.DB, mode string) {
	t.Helper()
	pool, err := db.DB()
	require.NoError(t, err)
	pool.SetMaxOpenConns(1)
	require.NoError(t, db.Exec("SET SESSION sql_mode = ?", mode).Error)
}

package indexes

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// declared is the index the model's struct tags declare whose columns
// start with columns, in that order, or nil: what AutoMigrate makes on any
// database the model is migrated to, not only on this one.
func declared(t *testing.T, db *gorm.DB, model any, columns ...string) *schema.Index {
	t.Helper()
	s, err := schema.Parse(model, &sync.Map{}, db.NamingStrategy)
	require.NoError(t, err)
	for _, idx := range s.ParseIndexes() {
		if len(idx.Fields) < len(columns) {
			continue
		}
		match := true
		for i, c := range columns {
			match = match && idx.Fields[i].DBName == c
		}
		if match {
			return idx
		}
	}
	return nil
}

// declares checks that the model declares an index starting with columns.
func declares(t *testing.T, db *gorm.DB, model any, columns ...string) *schema.Index {
	t.Helper()
	idx := declared(t, db, model, columns...)
	if idx == nil {
		t.Errorf("the model declares no index on (%s): an index made by hand is gone on the next database the model is migrated to; declare it in a gorm tag", strings.Join(columns, ", "))
	}
	return idx
}

// columnsOf lists the columns of the index the model declares by name.
func columnsOf(t *testing.T, db *gorm.DB, model any, name string) []string {
	t.Helper()
	s, err := schema.Parse(model, &sync.Map{}, db.NamingStrategy)
	require.NoError(t, err)
	idx := s.LookIndex(name)
	require.NotNil(t, idx, "no index named %s", name)
	var out []string
	for _, f := range idx.Fields {
		out = append(out, f.DBName)
	}
	return out
}

// prefixIndex indexes books.title so that LIKE can search it: on SQLite,
// whose LIKE ignores case, in the case-blind NOCASE collation; on
// PostgreSQL, whose LIKE heeds case, with text_pattern_ops, which compares
// characters as bytes whatever the database's collation; on MySQL, whose
// LIKE follows the column's collation, as it is.
func prefixIndex(t *testing.T, db *gorm.DB) {
	t.Helper()
	column := "title COLLATE NOCASE"
	switch db.Dialector.Name() {
	case "postgres":
		column = "title text_pattern_ops"
	case "mysql":
		column = "title"
	}
	require.NoError(t, db.Exec("CREATE INDEX idx_books_title ON books ("+column+")").Error)
}

// noCount checks that no statement counted rows.
func noCount(t *testing.T, queries *fixtures.Recorder) {
	t.Helper()
	for _, s := range queries.Statements() {
		if strings.Contains(strings.ToLower(s.SQL), "count(") {
			queries.Explain(t, "a statement counts every matching row, to answer yes or no: ask for one row instead")
			return
		}
	}
}

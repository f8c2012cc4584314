package relationships

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// relation parses model as GORM does and returns its relation field: the
// kind of relation and the keys GORM found for it, read from the struct
// tags and fields the koan declared, not from the rows they produced.
func relation(t testing.TB, db *gorm.DB, model any, field string) *schema.Relationship {
	t.Helper()
	s, err := schema.Parse(model, &sync.Map{}, db.NamingStrategy)
	require.NoError(t, err)
	rel, ok := s.Relationships.Relations[field]
	require.True(t, ok, "GORM does not see %s.%s as a relation", s.Name, field)
	return rel
}

// savedWithParent checks that every INSERT into table was sent by GORM
// while it saved a parent's associations (Create or Save of the whole
// graph), not by a Create, Association call or SQL of your own.
func savedWithParent(t testing.TB, queries *fixtures.Recorder, table string) bool {
	t.Helper()
	seen := false
	for _, s := range queries.Statements() {
		if !strings.HasPrefix(strings.ToUpper(s.SQL), "INSERT") || !inserts(s, table) {
			continue
		}
		if s.Origin != fixtures.Cascade {
			t.Errorf("the INSERT into %s was sent on its own (%s): put the rows on the parent's struct and let one Create save them\n    %s", table, s.Origin, s)
			return false
		}
		seen = true
	}
	if !seen {
		t.Errorf("nothing was inserted into %s with its parent", table)
	}
	return seen
}

// deletesNamed watches every Delete GORM runs on db from now on and
// returns, per table deleted from, the associations that Delete was told
// to delete first (Select("Stories"), Select(clause.Associations)).
func deletesNamed(t testing.TB, db *gorm.DB) func(table string) []string {
	t.Helper()
	named := map[string][]string{}
	require.NoError(t, db.Callback().Delete().Before("gorm:delete_before_associations").Register("koans:deletes_named", func(tx *gorm.DB) {
		table := tx.Statement.Table
		if table == "" && tx.Statement.Schema != nil {
			table = tx.Statement.Schema.Table
		}
		named[table] = append(named[table], tx.Statement.Selects...)
	}))
	return func(table string) []string { return named[table] }
}

// inserts reports whether the INSERT s writes table: GORM's own target, or
// the table a hand-written INSERT names.
func inserts(s fixtures.Statement, table string) bool {
	if s.Table != "" {
		return s.Table == table
	}
	into := strings.Fields(strings.NewReplacer("`", " ", `"`, " ", "(", " ").Replace(s.SQL))
	for i := 0; i+1 < len(into); i++ {
		if strings.EqualFold(into[i], "INTO") {
			return into[i+1] == table
		}
	}
	return false
}

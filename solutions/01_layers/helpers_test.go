package layers

import (
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// spellings is a statement as the koan may be asked for it: with its
// placeholders (what GORM sent) or with its values written in (what the SQL
// panel shows). A blank of SQL text accepts either.
func spellings(s fixtures.Statement) []string {
	return []string{s.SQL, s.String()}
}

// builtOnTable checks that GORM's builder wrote a statement starting with
// keyword, with every one of clauses, on a table named with Table(table):
// not SQL text, not a model, not a loop in Go.
func builtOnTable(t *testing.T, queries *fixtures.Recorder, keyword, table string, clauses ...string) bool {
	t.Helper()
	for _, s := range queries.Statements() {
		if strings.HasPrefix(strings.ToUpper(s.SQL), keyword) && s.Origin == fixtures.Built &&
			s.NamedTable && s.Table == table && s.Has(clauses...) {
			return true
		}
	}
	queries.Explain(t, fmt.Sprintf("no %s with %s was built on Table(%q): name the table with Table and let GORM's builder write the rest",
		keyword, strings.Join(clauses, " and "), table))
	return false
}

// sentBy checks that exactly one statement was sent, that origin wrote it
// (fixtures.Raw: SQL text you wrote; fixtures.Built: GORM's builder) and
// that its arguments are args.
func sentBy(t *testing.T, queries *fixtures.Recorder, origin fixtures.Origin, args ...any) bool {
	t.Helper()
	stmts := queries.Statements()
	switch {
	case len(stmts) == 0:
		queries.Explain(t, "nothing was sent: the answer must come from the database")
	case len(stmts) != 1:
		queries.Explain(t, fmt.Sprintf("%d statements were sent for one question: ask it in one", len(stmts)))
	case stmts[0].Origin != origin:
		queries.Explain(t, fmt.Sprintf("the statement came from %s, and this koan wants it from %s", stmts[0].Origin, origin))
	case fmt.Sprintf("%v", stmts[0].Args) != fmt.Sprintf("%v", args):
		queries.Explain(t, fmt.Sprintf("the statement's arguments are %v: the input must travel as an argument of its own", stmts[0].Args))
	default:
		return true
	}
	return false
}

// sortedBySQL checks that the database sorted the rows: the statement was
// built with an ORDER BY, or its own SQL text holds one.
func sortedBySQL(t *testing.T, queries *fixtures.Recorder, s fixtures.Statement) bool {
	t.Helper()
	if s.Has("ORDER BY") || (s.HandWritten() && strings.Contains(strings.ToUpper(s.SQL), "ORDER BY")) {
		return true
	}
	queries.Explain(t, "the statement has no ORDER BY: let the database sort, not Go")
	return false
}

// builtFromClauses checks that stmt was built by GORM from the model
// (model) and the named clauses, not written as SQL text or filled in by
// hand.
func builtFromClauses(t *testing.T, stmt *gorm.Statement, model string, clauses ...string) bool {
	t.Helper()
	switch {
	case stmt.SQL.Len() == 0:
		t.Errorf("the statement holds no SQL: GORM builds it when a finisher (Find, First…) runs, and clears it once the statement has been sent")
	case stmt.Schema == nil || stmt.Schema.Name != model:
		t.Errorf("the statement was not built from the model %s: let GORM build it from Where, Order and a finisher", model)
	default:
		for _, c := range clauses {
			if _, ok := stmt.Clauses[c]; !ok {
				t.Errorf("the statement has no %s clause of GORM's: build it with the chain, not as SQL text", c)
				return false
			}
		}
		return true
	}
	return false
}

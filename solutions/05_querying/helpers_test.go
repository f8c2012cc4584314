package querying

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// whereOf is the part of a statement after its WHERE.
func whereOf(statement string) string {
	_, where, _ := strings.Cut(statement, "WHERE ")
	return where
}

// builtHaving checks that GORM's builder wrote a SELECT with GROUP BY and a
// HAVING: Having is part of GORM's GROUP BY clause, so the statement's
// Clauses name only GROUP BY and the HAVING is read from the SQL GORM built.
// (A candidate for fixtures: Built(t, "SELECT", "GROUP BY", "HAVING") does
// not see HAVING today.)
func builtHaving(t testing.TB, queries *fixtures.Recorder) bool {
	t.Helper()
	for _, s := range queries.Statements() {
		if s.Origin == fixtures.Built && s.Has("SELECT", "GROUP BY") && strings.Contains(s.SQL, " HAVING ") {
			return true
		}
	}
	queries.Built(t, "SELECT", "GROUP BY", "HAVING") // fails, and lists what was sent
	return false
}

var literal = regexp.MustCompile(`(^|[^\w$.'])(\d+)\b`)

// asSent turns a WHERE written as the SQL panel shows it, values inlined
// ("year > 2000"), into the text the driver received ("year > ?", or $1 on
// PostgreSQL) when its numbers are the statement's values, in order; an
// answer written with placeholders is only spelled for the database.
func asSent(queries *fixtures.Recorder, s fixtures.Statement, answer string) string {
	found := literal.FindAllStringSubmatch(answer, -1)
	if len(found) > 0 && len(found) == len(s.Args) {
		same := true
		for i, m := range found {
			same = same && m[2] == fmt.Sprint(s.Args[i])
		}
		if same {
			answer = literal.ReplaceAllString(answer, "${1}?")
		}
	}
	return queries.Spelled(answer)
}

package relationships

import (
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// insertedTables names the table of every INSERT the recorder saw, in order.
func insertedTables(queries *fixtures.Recorder) []string {
	var tables []string
	for _, s := range queries.Statements() {
		rest, ok := strings.CutPrefix(s.SQL, "INSERT INTO `")
		if !ok {
			continue
		}
		table, _, _ := strings.Cut(rest, "`")
		tables = append(tables, table)
	}
	return tables
}

// titles lists the books' titles, in the order given.
func titles(books []fixtures.Book) []string {
	out := make([]string, len(books))
	for i, b := range books {
		out[i] = b.Title
	}
	return out
}

package loading

import (
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// bookCounts maps each author's name to how many books were loaded for them.
func bookCounts(authors []fixtures.Author) map[string]int {
	counts := map[string]int{}
	for _, a := range authors {
		counts[a.Name] = len(a.Books)
	}
	return counts
}

// tagLinks counts the tags loaded on every book of every author.
func tagLinks(authors []fixtures.Author) int {
	n := 0
	for _, a := range authors {
		for _, b := range a.Books {
			n += len(b.Tags)
		}
	}
	return n
}

// seedTagLinks counts the (book, tag) links of the seed data.
func seedTagLinks() int {
	n := 0
	for _, b := range fixtures.Seed().Books {
		n += len(b.Tags)
	}
	return n
}

// selectedTables names the table after FROM in every SELECT, in order.
func selectedTables(queries *fixtures.Recorder) []string {
	var tables []string
	for _, s := range queries.Statements() {
		if !strings.HasPrefix(s.SQL, "SELECT") {
			continue
		}
		_, rest, ok := strings.Cut(s.SQL, " FROM `")
		if !ok {
			continue
		}
		table, _, _ := strings.Cut(rest, "`")
		tables = append(tables, table)
	}
	return tables
}

// titlesOf lists the books' titles, in the order given.
func titlesOf(books []fixtures.Book) []string {
	out := make([]string, len(books))
	for i, b := range books {
		out[i] = b.Title
	}
	return out
}

package loading

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

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

// japaneseTitlesByYear lists the seed's books by Japanese authors and the
// extra ones given, oldest first.
func japaneseTitlesByYear(extra ...fixtures.Book) []string {
	seed := fixtures.Seed()
	japanese := map[uint]bool{}
	for _, a := range seed.Authors {
		japanese[a.ID] = a.Country == "Japan"
	}
	books := slices.Clone(extra)
	for _, b := range seed.Books {
		if japanese[b.AuthorID] {
			books = append(books, b)
		}
	}
	slices.SortStableFunc(books, func(a, b fixtures.Book) int { return a.Year - b.Year })
	return fixtures.Titles(books)
}

// seedTagCount is how many tags the seed gives the book with this title.
func seedTagCount(title string) int {
	for _, b := range fixtures.Seed().Books {
		if b.Title == title {
			return len(b.Tags)
		}
	}
	return -1
}

// joinedRelations watches every query GORM builds on db from now on and
// returns the relations it was asked to join by name (Joins("Author"),
// InnerJoins("Author")): a join GORM writes and scans itself, unlike a
// JOIN written out in SQL text.
func joinedRelations(t testing.TB, db *gorm.DB) func() []string {
	t.Helper()
	var joined []string
	require.NoError(t, db.Callback().Query().Before("gorm:query").Register("koans:joined_relations", func(tx *gorm.DB) {
		if tx.Statement.Schema == nil {
			return
		}
		for _, j := range tx.Statement.Joins {
			if _, ok := tx.Statement.Schema.Relationships.Relations[j.Name]; ok {
				joined = append(joined, j.Name)
			}
		}
	}))
	return func() []string { return joined }
}

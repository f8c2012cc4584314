package loading

import (
	"slices"

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

// japaneseTitlesByYear lists the seed's books by Japanese authors, oldest first.
func japaneseTitlesByYear() []string {
	seed := fixtures.Seed()
	japanese := map[uint]bool{}
	for _, a := range seed.Authors {
		japanese[a.ID] = a.Country == "Japan"
	}
	var books []fixtures.Book
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

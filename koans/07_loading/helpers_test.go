package loading

import "github.com/gorm-koans/gorm-koans/fixtures"

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

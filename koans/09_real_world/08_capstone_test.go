package realworld

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// The capstone: a repository method that lists books a page at a time, as a
// JSON API would, built over the next three koans on phase 5's paginated
// total and phase 1's raw-SQL arguments.

// ErrUnknownSort is what the list answers for a sort key it does not offer.
var ErrUnknownSort = errors.New("unknown sort key")

// bookSorts is the list's allow-list: the sort keys a client may send, and
// the ORDER BY each stands for. The id at the end breaks ties, so a book
// never shows up on two pages.
var bookSorts = map[string]string{
	"title": "title, id",
	"year":  "year, id",
	"-year": "year DESC, id",
}

// TestNextPageAfterACursor: page with a cursor, "after this book", instead of skipping rows with OFFSET.
//
// OFFSET pages by position: the database reads and throws away every row
// before the page, and a row added between two requests shifts everything
// after it — page 2 then repeats the end of page 1. A cursor pages by value:
// the client sends back the sort key of the last row it saw, and the next
// page is the rows after it (WHERE title > ? … ORDER BY title LIMIT 5),
// which an index on the sort key answers without reading what came before.
// The id in the cursor breaks ties between equal titles: below, a second
// edition shares the cursor's title. (Phase 5 counted the total; this is
// the page.)
//
// Hint: after = the same title and a larger id, or a larger title; keep
// the ORDER BY and the LIMIT, drop the OFFSET.
// Docs: https://gorm.io/docs/scopes.html#pagination
func TestNextPageAfterACursor(t *testing.T) {
	db, queries := fixtures.Library(t)
	var first []fixtures.Book
	require.NoError(t, db.Order("title, id").Limit(5).Find(&first).Error)
	require.Len(t, first, 5)
	cursor := first[4] // what the client sends back: the last book it was shown
	// between the two requests, a new book arrives that sorts onto page 1,
	// and a second edition of the cursor's book: same title, a larger id
	require.NoError(t, db.Create(&fixtures.Book{Title: "A Choice of Catastrophes", Year: 1979, AuthorID: 4}).Error)
	edition := fixtures.Book{Title: cursor.Title, Year: 2024, AuthorID: cursor.AuthorID}
	require.NoError(t, db.Create(&edition).Error)
	queries.Reset()

	var next []fixtures.Book
	// ✎ fetch the five books after the cursor, by title then id, without OFFSET
	require.NoError(t, db.Order("title, id").Limit(5).Offset(5).Find(&next).Error)
	// ✎ end

	var ids []uint
	for _, b := range next {
		ids = append(ids, b.ID)
	}
	assert.NotContains(t, ids, cursor.ID, "the cursor's book was on page 1 already")
	want := append([]string{edition.Title}, fixtures.Titles(seedBooksAfter(0)[5:9])...)
	assert.Equal(t, want, fixtures.Titles(next), "the five books after the cursor, its title's second edition first")
	for _, sql := range queries.SQL() {
		assert.NotContains(t, sql, "OFFSET", "no rows skipped by position")
	}
	queries.Built(t, "SELECT", "WHERE", "ORDER BY", "LIMIT")
	queries.ReadAtMost(t, 5)
}

// TestSortByAnAllowList: a sort key from the client picks from a list; it never becomes SQL.
//
// Order takes raw SQL: whatever string you pass lands after ORDER BY as it
// is. Pass the client's ?sort= straight through and a client can sort by a
// subquery that probes your other tables, or break the statement. Quoting
// or blacklisting characters is a race you lose. Look the key up in an
// allow-list and refuse the rest, before any SQL is sent.
//
// Hint: bookSorts maps the keys you offer to their ORDER BY.
// Docs: https://gorm.io/docs/security.html#SQL-injection-Methods
func TestSortByAnAllowList(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ turn the client's sort key into an ORDER BY, or refuse it with ErrUnknownSort
	orderBy := func(sort string) (string, error) { return sort, nil }
	// ✎ end

	list := func(sort string) ([]fixtures.Book, error) {
		order, err := orderBy(sort)
		if err != nil {
			return nil, err
		}
		var books []fixtures.Book
		return books, db.Order(order).Limit(3).Find(&books).Error
	}
	newest, err := list("-year")
	require.NoError(t, err)
	assert.Equal(t, []string{"1Q84", "Going Postal", "Kafka on the Shore"}, fixtures.Titles(newest))
	byTitle, err := list("title")
	require.NoError(t, err, "title is a key the list offers")
	assert.Equal(t, fixtures.Titles(seedBooksAfter(0)[:3]), fixtures.Titles(byTitle))
	oldest, err := list("year")
	require.NoError(t, err, "so is year")
	assert.Equal(t, fixtures.Titles(seedOldestBooks(3)), fixtures.Titles(oldest))

	for _, attack := range []string{
		"(CASE WHEN (SELECT count(*) FROM authors WHERE name LIKE 'J%') > 0 THEN title ELSE year END)",
		"year; DROP TABLE books",
		"author_id",
	} {
		queries.Reset()
		_, err := list(attack)
		assert.ErrorIs(t, err, ErrUnknownSort, "sort=%s", attack)
		assert.Zero(t, queries.Len(), "a refused sort sends no SQL")
	}
}

// Page is what a list endpoint receives: which page (from 1), how many
// books a page, and a sort key.
type Page struct {
	Number, Size int
	Sort         string
}

// BookList is what it answers: one page of books and how many match in all.
type BookList struct {
	Books []fixtures.Book
	Total int64
}

// TestListBooks: the capstone: a repository method that pages, counts, sorts safely, preloads and honours the request.
//
// Everything the path taught, in the method a JSON API calls on every
// request: the request's context on every statement; the sort key checked
// against bookSorts; the total counted on the filter before the page is cut;
// the page's authors preloaded in one more query, not one per book. Three
// statements for any page of any size.
//
// Hint: phase 5 counted the total before cutting the page (a reusable
// Session base), the koan before last checked the sort key, phase 7's
// Preload loads the authors.
// Docs: https://gorm.io/docs/scopes.html#pagination
func TestListBooks(t *testing.T) {
	log := newSQLLog()
	db, queries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.Logger = log }))
	log.Reset()

	// ✎ write listBooks: the books published after since, one page sorted by p.Sort, their authors loaded, and the total
	listBooks := func(ctx context.Context, since int, p Page) (BookList, error) {
		var out BookList
		err := db.Model(&fixtures.Book{}).Where("year > ?", since).Order(p.Sort).
			Limit(p.Size).Offset((p.Number - 1) * p.Size).Find(&out.Books).Count(&out.Total).Error
		return out, err
	}
	// ✎ end

	ctx := withRequestID(t.Context(), "req-7")
	matching := seedBooksAfter(1950)
	for _, number := range []int{1, 2, 6} {
		queries.Reset()
		log.Reset()
		got, err := listBooks(ctx, 1950, Page{Number: number, Size: 5, Sort: "title"})
		require.NoError(t, err, "page %d", number)
		want := matching[min((number-1)*5, len(matching)):min(number*5, len(matching))]
		assert.EqualValues(t, len(matching), got.Total, "page %d: the total counts every page", number)
		assert.Equal(t, fixtures.Titles(want), fixtures.Titles(got.Books), "page %d", number)
		for _, b := range got.Books {
			if assert.NotNil(t, b.Author, "page %d: %s has no author loaded", number, b.Title) {
				assert.Equal(t, b.AuthorID, b.Author.ID)
			}
		}
		assert.LessOrEqual(t, queries.Count("SELECT"), 3, "page %d: count, page and authors", number)
		for _, id := range log.IDs() {
			assert.Equal(t, "req-7", id, "page %d: every statement runs under the request's context", number)
		}
		noQueryOfItsOwn(t, queries, "authors")
		queries.Built(t, "SELECT", "WHERE", "ORDER BY", "LIMIT")
		queries.ReadAtMost(t, 1+2*5) // the count, a page of books, their authors
		if t.Failed() {
			return // the SQL shown below is this page's
		}
	}

	sent := queries.Len()
	_, err := listBooks(ctx, 1950, Page{Number: 1, Size: 5, Sort: "title; DROP TABLE books"})
	assert.ErrorIs(t, err, ErrUnknownSort)
	assert.Equal(t, sent, queries.Len(), "a refused sort sends no SQL")
}

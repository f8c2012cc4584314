package indexes

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCoveringIndexAnswersAlone: ask only for columns the index holds, and the table is never read.
//
// An index on (year, title) holds every book's year and title, sorted.
// `SELECT *` wants the rest of each row too, so for every entry found the
// database fetches the row from the table — a jump per book. Ask for the
// title alone and the index answers on its own: a covering index.
//
// SQLite only: PostgreSQL answers from an index alone (an Index Only Scan)
// only for the table's pages VACUUM has marked visible to every
// transaction, and a koan's freshly written table has none, so there the
// same query still visits the table (the README says more).
//
// Hint: the page shows titles only. Select, or pluck, just that column.
// Docs: https://gorm.io/docs/advanced_query.html#Smart-Select-Fields
// Database: sqlite
func TestCoveringIndexAnswersAlone(t *testing.T) {
	db, queries := fixtures.LargeLibrary(t)
	type Book struct {
		ID       uint   `gorm:"primaryKey"`
		Title    string `gorm:"not null;index:idx_books_year_title,priority:2"`
		Year     int    `gorm:"index:idx_books_year_title,priority:1"`
		AuthorID uint
	}
	require.NoError(t, db.AutoMigrate(&Book{}))
	var want []string
	require.NoError(t, db.Model(&Book{}).Where("year = ?", 2024).Order("title").Pluck("title", &want).Error)
	queries.Reset()

	var titles []string
	// ✎ fetch the titles of 2024's books from the index alone
	//koan: var books []fixtures.Book
	//koan: require.NoError(t, db.Where("year = ?", 2024).Find(&books).Error)
	//koan: titles = fixtures.Titles(books)
	require.NoError(t, db.Model(&fixtures.Book{}).Where("year = ?", 2024).Pluck("title", &titles).Error)
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT title FROM books WHERE year = 2024").Scan(&titles).Error)
	//dodge filter-in-go: var books []fixtures.Book
	//dodge filter-in-go: require.NoError(t, db.Select("title", "year").Find(&books).Error)
	//dodge filter-in-go: for _, b := range books { if b.Year == 2024 { titles = append(titles, b.Title) } }
	//dodge one-column-too-many: var books []fixtures.Book
	//dodge one-column-too-many: require.NoError(t, db.Select("title", "author_id").Where("year = ?", 2024).Find(&books).Error)
	//dodge one-column-too-many: titles = fixtures.Titles(books)
	//honest select: var books []fixtures.Book
	//honest select: require.NoError(t, db.Select("title").Where("year = ?", 2024).Find(&books).Error)
	//honest select: titles = fixtures.Titles(books)
	// ✎ end

	queries.Built(t, "SELECT", "WHERE")
	queries.ReadAtMost(t, len(want))
	plan := queries.PlanOfLast(t, db)
	if read, _ := plan.Of("books"); !read.Covering {
		queries.ExplainPlans(t, queries.Plans(t, db), "the books were read from the table, not from the index alone: ask only for what the index holds")
	}
	slices.Sort(titles)
	assert.Equal(t, want, titles)
}

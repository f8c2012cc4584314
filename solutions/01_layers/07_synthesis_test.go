package layers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOneSafeStatementForAReport: list an author's titles, newest first, in one statement that keeps the name a value.
//
// A report joins two tables and returns plain values, not models: that is
// the statement builder's job. Pick the layer (Table, Joins, Where, Order,
// Pluck — or one Raw), keep the author's name, which comes from a user, in a
// ? argument, and let the database do the join and the sort. The same
// function must answer for a real author, for one the koan adds, and for a
// hostile name.
//
// Hint: books.author_id points at authors.id. Pluck("books.title", &titles)
// is the finisher that fills a []string.
//
// Docs: https://gorm.io/docs/query.html#Joins
func TestOneSafeStatementForAReport(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make titlesBy return the author's titles, newest first, in one statement
	//koan: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//koan: 	return nil, nil
	//koan: }
	//dodge sprintf: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//dodge sprintf: 	var titles []string
	//dodge sprintf: 	err := tx.Raw(fmt.Sprintf("SELECT books.title FROM books JOIN authors ON authors.id = books.author_id WHERE authors.name = '%s' ORDER BY books.year DESC", name)).Scan(&titles).Error
	//dodge sprintf: 	return titles, err
	//dodge sprintf: }
	//dodge two-queries: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//dodge two-queries: 	var author fixtures.Author
	//dodge two-queries: 	if err := tx.Where("name = ?", name).Limit(1).Find(&author).Error; err != nil {
	//dodge two-queries: 		return nil, err
	//dodge two-queries: 	}
	//dodge two-queries: 	var titles []string
	//dodge two-queries: 	err := tx.Model(&fixtures.Book{}).Where("author_id = ?", author.ID).Order("year DESC").Pluck("title", &titles).Error
	//dodge two-queries: 	return titles, err
	//dodge two-queries: }
	//dodge filter-in-go: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//dodge filter-in-go: 	var books []fixtures.Book
	//dodge filter-in-go: 	err := tx.Joins("Author").Order("year DESC").Find(&books).Error
	//dodge filter-in-go: 	var titles []string
	//dodge filter-in-go: 	for _, b := range books {
	//dodge filter-in-go: 		if b.Author.Name == name {
	//dodge filter-in-go: 			titles = append(titles, b.Title)
	//dodge filter-in-go: 		}
	//dodge filter-in-go: 	}
	//dodge filter-in-go: 	return titles, err
	//dodge filter-in-go: }
	//dodge sort-in-go: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//dodge sort-in-go: 	var rows []struct{ Title string; Year int }
	//dodge sort-in-go: 	err := tx.Table("books").Select("books.title, books.year").Joins("JOIN authors ON authors.id = books.author_id").Where("authors.name = ?", name).Scan(&rows).Error
	//dodge sort-in-go: 	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Year > rows[j].Year })
	//dodge sort-in-go: 	var titles []string
	//dodge sort-in-go: 	for _, r := range rows {
	//dodge sort-in-go: 		titles = append(titles, r.Title)
	//dodge sort-in-go: 	}
	//dodge sort-in-go: 	return titles, err
	//dodge sort-in-go: }
	//dodge hard-coded: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//dodge hard-coded: 	var titles []string
	//dodge hard-coded: 	err := tx.Model(&fixtures.Book{}).Where("author_id = 4 AND ? NOT LIKE '%''%'", name).Order("year DESC").Pluck("title", &titles).Error
	//dodge hard-coded: 	return titles, err
	//dodge hard-coded: }
	//honest subquery: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//honest subquery: 	var titles []string
	//honest subquery: 	authors := tx.Model(&fixtures.Author{}).Select("id").Where(&fixtures.Author{Name: name})
	//honest subquery: 	err := tx.Model(&fixtures.Book{}).Where("author_id IN (?)", authors).Order("year DESC").Pluck("title", &titles).Error
	//honest subquery: 	return titles, err
	//honest subquery: }
	//honest raw: titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
	//honest raw: 	var titles []string
	//honest raw: 	err := tx.Raw("SELECT b.title FROM books b JOIN authors a ON a.id = b.author_id WHERE a.name = ? ORDER BY b.year DESC", name).Scan(&titles).Error
	//honest raw: 	return titles, err
	//honest raw: }
	titlesBy := func(tx *gorm.DB, name string) ([]string, error) {
		var titles []string
		err := tx.Table("books").
			Joins("JOIN authors ON authors.id = books.author_id").
			Where("authors.name = ?", name).
			Order("books.year DESC").
			Pluck("books.title", &titles).Error
		return titles, err
	}
	// ✎ end

	var want []fixtures.Book
	require.NoError(t, db.Where("author_id = ?", 4).Order("year DESC").Find(&want).Error)
	queries.Reset()

	titles, err := titlesBy(db, "Isaac Asimov")
	require.NoError(t, err)
	if sentBy(t, queries, queries.Last().Origin, "Isaac Asimov") && // one statement, the name an argument
		sortedBySQL(t, queries, queries.Last()) &&
		queries.ReadAtMost(t, len(want)) { // no more rows than the answer
		assert.Equal(t, fixtures.Titles(want), titles, "Isaac Asimov's books, newest first")
	}

	jemisin := fixtures.Author{Name: "N. K. Jemisin", Country: "United States", Born: 1972, Books: []fixtures.Book{
		{Title: "The Obelisk Gate", Year: 2016}, {Title: "The Fifth Season", Year: 2015}, {Title: "The Stone Sky", Year: 2017}}}
	require.NoError(t, db.Create(&jemisin).Error)
	titles, err = titlesBy(db, "N. K. Jemisin")
	require.NoError(t, err)
	assert.Equal(t, []string{"The Stone Sky", "The Obelisk Gate", "The Fifth Season"}, titles, "an author this koan added, newest first")

	hostile, err := titlesBy(db, "x' OR '1'='1")
	require.NoError(t, err)
	assert.Empty(t, hostile, "a hostile name matches nobody")
}

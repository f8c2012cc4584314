package layers

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestStatementLayer: below the models, GORM builds SQL from pieces you name.
//
// Table skips the struct: you say which table, GORM still writes the SELECT
// and binds the arguments, but nothing is parsed from a model. The question
// "how many books after 2000?" gets the same answer at both layers; only
// the layer changed.
//
// Hint: Table takes the name of a table exactly as the database knows it, not
// the name of a Go type.
//
// Docs: https://gorm.io/docs/conventions.html#Temporarily-specify-a-name
func TestStatementLayer(t *testing.T) {
	db, _ := fixtures.Library(t)

	var viaModel, viaTable int64
	require.NoError(t, db.Model(&fixtures.Book{}).Where("year > ?", 2000).Count(&viaModel).Error)
	require.NoError(t, db.Table( /*___*/ "books").Where("year > ?", 2000).Count(&viaTable).Error) // which table, as the database names it?

	assert.Equal(t, viaModel, viaTable)
}

// TestTableReachesTablesWithoutStructs: count the fantasy books straight from the join table.
//
// book_tags has no Go struct: it exists only to link books and tags. The model
// layer reaches it through Book.Tags; the statement layer can name it directly,
// and that is often the simplest way to ask a question about it. The builder
// still writes the SQL: it quotes the table, writes the WHERE and the COUNT,
// and binds the value for you. The koan adds a fantasy book of its own first,
// so the seed's count is not the answer.
//
// Hint: the tag "fantasy" has ID 1 (tags are numbered in the order of the seed
// file). Name the table, add a condition on tag_id, and let Count do the rest.
//
// Docs: https://gorm.io/docs/advanced_query.html#count
func TestTableReachesTablesWithoutStructs(t *testing.T) {
	db, queries := fixtures.Library(t)
	require.NoError(t, db.Create(&fixtures.Book{Title: "The Colour of Magic", Year: 1983, AuthorID: 2,
		Tags: []fixtures.Tag{{ID: 1, Name: "fantasy"}}}).Error)
	queries.Reset()

	var n int64
	// ✎ count the rows of book_tags whose tag_id is 1, into n
	//koan: _ = db
	//dodge raw-sql: require.NoError(t, db.Raw("SELECT count(*) FROM book_tags WHERE tag_id = ?", 1).Scan(&n).Error)
	//dodge hard-coded: n, _ = 8, db
	//dodge model-layer: n = db.Model(&fixtures.Tag{ID: 1}).Association("Books").Count()
	//dodge count-in-go: var links []map[string]any
	//dodge count-in-go: require.NoError(t, db.Table("book_tags").Find(&links).Error)
	//dodge count-in-go: for _, l := range links {
	//dodge count-in-go: 	if fmt.Sprint(l["tag_id"]) == "1" {
	//dodge count-in-go: 		n++
	//dodge count-in-go: 	}
	//dodge count-in-go: }
	//honest column-form: require.NoError(t, db.Table("book_tags").Where("tag_id", 1).Count(&n).Error)
	//honest map-condition: require.NoError(t, db.Table("book_tags").Where(map[string]any{"tag_id": 1}).Count(&n).Error)
	require.NoError(t, db.Table("book_tags").Where("tag_id = ?", 1).Count(&n).Error)
	// ✎ end

	if builtOnTable(t, queries, "SELECT", "book_tags", "WHERE") && queries.ReadAtMost(t, 1) { // one row: the count, made by the database
		assert.EqualValues(t, 8, n, "the seed's fantasy books and the one this koan added")
	}
}

// TestTableWritesRunTheCallbacks: a write through Table is still a GORM write, with its transaction and its guard.
//
// Table only says which table; the statement still goes through GORM's
// callbacks, like a model write: a BEGIN … COMMIT around it, and the guard
// that refuses an UPDATE or DELETE with no WHERE (gorm.ErrMissingWhereClause),
// so a forgotten condition cannot rewrite every row. Exec is different: it
// sends your SQL as it is, with neither.
//
// Hint: the first write has a WHERE, the second forgot it, the third is
// Exec. Which of GORM's safety nets does each one get?
//
// Docs: https://gorm.io/docs/update.html#block_global_updates
func TestTableWritesRunTheCallbacks(t *testing.T) {
	db, queries := fixtures.Library(t)

	require.NoError(t, db.Table("books").Where("author_id = ?", 5).Update("year", 2000).Error)
	viaTable := queries.Keywords()
	queries.Reset()
	noWhere := db.Table("books").Update("year", 2000).Error
	noWhereSent := queries.Keywords()
	queries.Reset()
	require.NoError(t, db.Exec("UPDATE books SET year = ? WHERE author_id = ?", 2000, 5).Error)

	assert.Equal(t /*__*/, []string{"BEGIN", "UPDATE", "COMMIT"}, viaTable)      // what did the Table update send?
	assert.Equal(t /*__*/, true, errors.Is(noWhere, gorm.ErrMissingWhereClause)) // did GORM refuse the UPDATE without WHERE?
	assert.Equal(t /*__*/, []string{"BEGIN", "ROLLBACK"}, noWhereSent)           // and what did it send for it?
	assert.Equal(t /*__*/, []string{"UPDATE"}, queries.Keywords())               // what did Exec send?
}

// TestRawWritesTheSQLYourself: answer "who wrote this book?" with one SQL statement of your own.
//
// Raw is the statement layer with the builder switched off: you write the whole
// statement, GORM binds the ? arguments and scans the result into whatever you
// pass to Scan — here a plain string. One JOIN, one round trip, whatever the
// title: the koan asks about Mort, and then about a book it adds itself.
//
// Hint: books.author_id points at authors.id. Select the author's name, join
// the two tables, filter on the title with a ? placeholder, and Scan into name.
//
// Docs: https://gorm.io/docs/sql_builder.html#Raw-SQL
func TestRawWritesTheSQLYourself(t *testing.T) {
	db, queries := fixtures.Library(t)

	// ✎ make whoWrote answer with one db.Raw(...).Scan(&name)
	//koan: whoWrote := func(tx *gorm.DB, title string) (string, error) {
	//koan: 	return "", nil
	//koan: }
	//dodge model-layer: whoWrote := func(tx *gorm.DB, title string) (string, error) {
	//dodge model-layer: 	var book fixtures.Book
	//dodge model-layer: 	err := tx.Preload("Author").Where("title = ?", title).First(&book).Error
	//dodge model-layer: 	if err != nil {
	//dodge model-layer: 		return "", err
	//dodge model-layer: 	}
	//dodge model-layer: 	return book.Author.Name, nil
	//dodge model-layer: }
	//dodge builder: whoWrote := func(tx *gorm.DB, title string) (string, error) {
	//dodge builder: 	var name string
	//dodge builder: 	err := tx.Table("authors").Select("authors.name").Joins("JOIN books ON books.author_id = authors.id").Where("books.title = ?", title).Scan(&name).Error
	//dodge builder: 	return name, err
	//dodge builder: }
	//dodge hard-coded: whoWrote := func(tx *gorm.DB, title string) (string, error) {
	//dodge hard-coded: 	return map[string]string{"Mort": "Terry Pratchett", "The Fifth Season": "N. K. Jemisin"}[title], nil
	//dodge hard-coded: }
	//dodge two-raws: whoWrote := func(tx *gorm.DB, title string) (string, error) {
	//dodge two-raws: 	var id int
	//dodge two-raws: 	if err := tx.Raw("SELECT author_id FROM books WHERE title = ?", title).Scan(&id).Error; err != nil {
	//dodge two-raws: 		return "", err
	//dodge two-raws: 	}
	//dodge two-raws: 	var name string
	//dodge two-raws: 	err := tx.Raw("SELECT name FROM authors WHERE id = ?", id).Scan(&name).Error
	//dodge two-raws: 	return name, err
	//dodge two-raws: }
	//honest named-row: whoWrote := func(tx *gorm.DB, title string) (string, error) {
	//honest named-row: 	var name string
	//honest named-row: 	err := tx.Raw("SELECT a.name FROM books b JOIN authors a ON a.id = b.author_id WHERE b.title = @title", sql.Named("title", title)).Row().Scan(&name)
	//honest named-row: 	return name, err
	//honest named-row: }
	whoWrote := func(tx *gorm.DB, title string) (string, error) {
		var name string
		err := tx.Raw(
			"SELECT authors.name FROM authors JOIN books ON books.author_id = authors.id WHERE books.title = ?",
			title,
		).Scan(&name).Error
		return name, err
	}
	// ✎ end

	name, err := whoWrote(db, "Mort")
	require.NoError(t, err)
	if sentBy(t, queries, fixtures.Raw, "Mort") {
		assert.Equal(t, "Terry Pratchett", name, "who wrote Mort?")
	}

	jemisin := fixtures.Author{Name: "N. K. Jemisin", Country: "United States", Born: 1972,
		Books: []fixtures.Book{{Title: "The Fifth Season", Year: 2015}}}
	require.NoError(t, db.Create(&jemisin).Error)
	queries.Reset()
	name, err = whoWrote(db, "The Fifth Season")
	require.NoError(t, err)
	if sentBy(t, queries, fixtures.Raw, "The Fifth Season") {
		assert.Equal(t, "N. K. Jemisin", name, "who wrote the book this koan added?")
	}
}

// TestExecReturnsRowsAffected: Exec tells you how many rows a write changed, and zero is not an error.
//
// Exec is Raw's sibling for writes: no struct, no hooks, just your SQL and its
// arguments. What comes back is the database's own count of changed rows, in
// RowsAffected — the same number database/sql's Result gives you. A WHERE
// that matches nothing is a successful statement that changed nothing: if
// that matters to you, check RowsAffected yourself.
//
// Hint: no author lives in Atlantis.
//
// Docs: https://gorm.io/docs/sql_builder.html#Raw-SQL
func TestExecReturnsRowsAffected(t *testing.T) {
	db, _ := fixtures.Library(t)

	result := db.Exec("UPDATE authors SET country = ? WHERE country = ?", "Lemuria", "Atlantis")

	assert.Equal(t /*__*/, true, result.Error == nil)   // did Exec report success?
	assert.Equal(t /*__*/, 0, int(result.RowsAffected)) // how many authors were changed?
}

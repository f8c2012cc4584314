package layers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestClausesAreTheBuildingBlocks: Where, Order and Limit are clause values that GORM writes out in a fixed order.
//
// Every chain method — Where, Order, Limit — only adds a clause to the
// statement; the SELECT is written from those clauses when a finisher runs.
// Package clause lets you add them yourself: clause.Eq is "column = value",
// clause.OrderBy and clause.Limit are what Order and Limit would have made.
// Whatever order you add them in, GORM writes them in the order SQL wants.
//
// Hint: the clauses were given back to front; GORM writes SELECT, WHERE,
// ORDER BY, LIMIT. clause.Eq quotes its column. The statement is asked for
// as the SQL panel shows it, with its values written in.
//
// Docs: https://gorm.io/docs/sql_builder.html#clauses
// SQL: after first try
func TestClausesAreTheBuildingBlocks(t *testing.T) {
	db, queries := fixtures.Library(t)

	one := 1
	var books []fixtures.Book
	require.NoError(t, db.Clauses( // given back to front: LIMIT, ORDER BY, WHERE
		clause.Limit{Limit: &one},
		clause.OrderBy{Columns: []clause.OrderByColumn{{Column: clause.Column{Name: "year"}, Desc: true}}},
		clause.Where{Exprs: []clause.Expression{clause.Eq{Column: "author_id", Value: 2}}},
	).Find(&books).Error)
	require.Len(t, books, 1)

	assert.Equal(t, "Going Postal", books[0].Title, "Terry Pratchett's newest")
	assert.EqualValues(t, 2, queries.Last().Args[0], "clause.Eq's value is bound, not written into the text")
	assert.Equal(t, queries.Spelled( /*___*/ "SELECT * FROM `books` WHERE `author_id` = 2 ORDER BY `year` DESC LIMIT 1"), queries.Last().String()) // what SQL did the clauses make, values written in?
}

// TestExprIsSQLNotAValue: gorm.Expr puts a piece of SQL where a value would go.
//
// Update("year", 2015) would bind 2015 as an argument. gorm.Expr("year + ?", 200)
// is written into the statement as SQL, so the database computes each row's new
// year from its old one — no SELECT first, no Go arithmetic, one statement.
//
// Hint: Emma came out in 1815. The Expr's text goes into the SET as it is;
// only its ? is bound.
//
// Docs: https://gorm.io/docs/update.html#update_from_sql_expr
func TestExprIsSQLNotAValue(t *testing.T) {
	db, queries := fixtures.Library(t)

	result := db.Model(&fixtures.Book{}).Where("author_id = ?", 5).Update("year", gorm.Expr("year + ?", 200))
	require.NoError(t, result.Error)
	update := queries.Statements()[1] // [BEGIN UPDATE COMMIT]: the UPDATE is the second

	var emma fixtures.Book
	require.NoError(t, db.Where("title = ?", "Emma").First(&emma).Error)

	assert.Equal(t, 4, int(result.RowsAffected), "Jane Austen's four books moved")
	assert.Equal(t /*__*/, 2015, emma.Year)                                                                         // when does Emma come out now?
	assert.Equal(t, queries.Spelled( /*___*/ "UPDATE `books` SET `year`=year + ? WHERE author_id = ?"), update.SQL) // what did GORM send?
}

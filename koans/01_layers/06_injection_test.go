package layers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestAStringConditionIsSQL: First(&book, id) with a string id runs the string as SQL, unless it is a number.
//
// An id from a URL arrives as a string. First(&book, "5") looks like a
// primary-key lookup, and it is one: GORM sees a number and writes its own
// condition on the id, with "5" bound as a value. But any other string is
// taken as a condition and
// pasted into the WHERE as it is — so "0=0" finds a book that no id
// matched. The safe forms keep the input a value: convert it to a number
// first, or write the condition yourself, "id = ?", and pass the input as
// its argument. Then the database compares it with ids: SQLite finds none
// (gorm.ErrRecordNotFound), PostgreSQL refuses "0=0" as a bigint (SQLSTATE
// 22P02), MySQL reads the text as the number its leading digits make (0:
// no book; "1=1" would be book 1, MySQL's own trap). Either way, no book.
//
// Hint: one call hands the input to GORM as the condition itself, the other
// as the argument of a condition you wrote. Which of the two can the
// database only compare with an id?
//
// Docs: https://gorm.io/docs/security.html#Inline-Condition
// SQL: after first try
func TestAStringConditionIsSQL(t *testing.T) {
	db, queries := fixtures.Library(t)
	fromURL := "0=0"

	var hijacked fixtures.Book
	require.NoError(t, db.First(&hijacked, fromURL).Error)
	hijackedSQL := queries.Last().String()

	var safe fixtures.Book
	safeErr := db.First(&safe, "id = ?", fromURL).Error

	assert.Equal(t, queries.Spelled(___), hijackedSQL) // what did First(&hijacked, fromURL) send?
	assert.Equal(t, __, hijacked.ID != 0)              // did it load a book all the same?
	assert.Equal(t, __, safe.ID != 0)                  // and the "id = ?" form: did it load a book?
	assert.Error(t, safeErr, "no book has the id \"0=0\"")
}

// TestSomeArgumentsAreSQL: Where's own string, Order, Select, Group, Table and Joins paste their string into the statement.
//
// Where("title = ?", input) binds input as a value: it can hold any
// character and stay data. But the string a builder method takes first is a
// *piece of SQL*: Order, Select, Group, Table, Joins — and Where's and
// Having's own condition too, with or without a ?. Only the arguments after
// it are values. Whatever you pass as that string is written into the
// statement as it is, so a user-chosen sort column, or a condition built
// by gluing input to " = ?", becomes an injection. When a name must come
// from outside, check it against an allow-list, or wrap it in a
// clause.Column (clause.OrderByColumn for Order), which GORM quotes as an
// identifier.
//
// Hint: ToSQL shows each statement with its values inlined. List the
// calls whose statement contains the input as SQL, outside any quotes —
// a ? in the same string does not make the rest of it a value.
//
// Docs: https://gorm.io/docs/security.html#SQL-injection-Methods
func TestSomeArgumentsAreSQL(t *testing.T) {
	db, queries := fixtures.Library(t)
	input := "year; DROP TABLE books"
	var books []fixtures.Book

	built := map[string]string{}
	var pasted []string
	for _, m := range []struct {
		name  string
		chain func(tx *gorm.DB) *gorm.DB
	}{
		{"Where arg", func(tx *gorm.DB) *gorm.DB { return tx.Where("title = ?", input).Find(&books) }},
		{"Where text", func(tx *gorm.DB) *gorm.DB { return tx.Where(input+" > ?", 2000).Find(&books) }},
		{"Order", func(tx *gorm.DB) *gorm.DB { return tx.Order(input).Find(&books) }},
		{"Select", func(tx *gorm.DB) *gorm.DB { return tx.Select(input).Find(&books) }},
		{"Group", func(tx *gorm.DB) *gorm.DB { return tx.Group(input).Find(&books) }},
		{"Table", func(tx *gorm.DB) *gorm.DB { return tx.Table(input).Find(&books) }},
		{"Joins", func(tx *gorm.DB) *gorm.DB { return tx.Joins(input).Find(&books) }},
		{"Column", func(tx *gorm.DB) *gorm.DB {
			return tx.Order(clause.OrderByColumn{Column: clause.Column{Name: input}}).Find(&books)
		}},
	} {
		built[m.name] = db.ToSQL(m.chain)
		if isPasted(built[m.name], input) {
			pasted = append(pasted, m.name)
		}
	}

	assert.Contains(t, built["Where arg"], "title = ", "a value, in quotes")
	assert.False(t, isPasted(built["Where arg"], input), "a value, in quotes")
	assert.Equal(t, queries.Spelled("SELECT * FROM `books` ORDER BY `year; DROP TABLE books`"), built["Column"], "a name, quoted")
	assert.Equal(t, __, pasted) // which calls pasted the input in as SQL?
}

// isPasted reports whether input appears in sql outside quotes: as SQL, not
// as a value or a quoted name.
func isPasted(sql, input string) bool {
	for _, quote := range []string{`"`, "`", "'"} {
		sql = strings.ReplaceAll(sql, quote+input+quote, "")
	}
	return strings.Contains(sql, input)
}

// TestPlaceholdersKeepInputOut: find the books titled exactly what the user typed, whatever they typed.
//
// The query below builds its WHERE with fmt.Sprintf, so the user's quote
// ends the string literal and the rest of their input becomes SQL: every
// book matches. A ? placeholder sends the input apart from the statement,
// as a value the database never parses; so does a struct or map condition,
// which GORM turns into "title = ?" itself. Escaping quotes by hand is the
// wrong fix: it is easy to get wrong and differs between databases. The
// koan adds a book whose title is exactly what was typed: that one, and
// only that one, must come back.
//
// Hint: Where takes the condition with a ? and the value as a second
// argument.
//
// Docs: https://gorm.io/docs/security.html#Query-Condition
func TestPlaceholdersKeepInputOut(t *testing.T) {
	db, queries := fixtures.Library(t)
	typed := "Mort' OR '1'='1"
	odd := fixtures.Book{Title: typed, Year: 2024, AuthorID: 2}
	require.NoError(t, db.Create(&odd).Error)
	queries.Reset()

	var books []fixtures.Book
	// ✎ keep typed a value, not SQL
	require.NoError(t, db.Where(fmt.Sprintf("title = '%s'", typed)).Find(&books).Error)
	// ✎ end

	if assert.Equal(t, []any{typed}, queries.Last().Args, "the input travels as an argument") &&
		queries.ReadAtMost(t, 1) { // the database compared the titles, not Go
		assert.Equal(t, []string{typed}, fixtures.Titles(books), "only the book titled exactly what was typed")
	}
}

var _ = fmt.Sprintf // keeps the fmt import valid once the koan no longer needs it

package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestSchemaIsGORMsMetadata: GORM parses a struct once into a schema — its table, columns, keys and relations.
//
// Every query, insert and migration starts from the same object: the
// *schema.Schema GORM builds from the struct with reflection and caches per
// type. You can ask for it yourself — stmt := &gorm.Statement{DB: db};
// stmt.Parse(&Book{}) — and read what GORM believes: the table name, the
// column of each field (Fields, DBNames), the primary key (PrimaryFields)
// and the relations it found (Relationships). The Migrator, by contrast,
// asks the database.
//
// Hint: Book has six fields; two of them are relations, which have no
// column. Which of them holds a key to another table?
//
// Docs: https://pkg.go.dev/gorm.io/gorm/schema#Schema
func TestSchemaIsGORMsMetadata(t *testing.T) {
	db, _ := fixtures.Empty(t)

	stmt := &gorm.Statement{DB: db}
	require.NoError(t, stmt.Parse(&fixtures.Book{}))
	book := stmt.Schema
	var belongsTo []string
	for _, r := range book.Relationships.BelongsTo {
		belongsTo = append(belongsTo, r.Name)
	}

	assert.Equal(t, "books", book.Table)
	assert.Equal(t, "id", book.PrioritizedPrimaryField.DBName)
	assert.Equal(t /*__*/, []string{"id", "title", "year", "author_id"}, book.DBNames) // which columns does a Book have?
	assert.Equal(t /*__*/, []string{"Author"}, belongsTo)                              // which relation is a belongs-to?
}

// BookReview and Person are here only for their names.
type BookReview struct {
	ID    uint
	Stars int
}

type Person struct {
	ID   uint
	Name string
}

// TestTablesArePluralSnakeCase: a struct's table is its name in snake_case, made plural.
//
// You never told GORM a table name: it derived one from the Go type. The words
// of the name are split at the capitals and joined with underscores, and the
// last word is made plural the way English does it, not by sticking on an "s".
//
// Hint: split the type's name into words, lower-case, joined by "_"; then
// think of "one person, two …".
//
// Docs: https://gorm.io/docs/conventions.html#Pluralized-Table-Name
func TestTablesArePluralSnakeCase(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&BookReview{}, &Person{}))

	reviews, people := schemaOf(t, db, &BookReview{}).Table, schemaOf(t, db, &Person{}).Table
	assert.True(t, db.Migrator().HasTable(reviews) && db.Migrator().HasTable(people), "the database has the tables GORM named")
	assert.Equal(t /*___*/, "book_reviews", reviews) // which table holds BookReviews?
	assert.Equal(t /*___*/, "people", people)        // and which holds Persons?
}

// Edition has fields whose names are initialisms, as Go style wants them.
type Edition struct {
	ID          uint
	ISBN        string
	HTTPURL     string
	PublisherID uint
}

// TestInitialismsStayTogether: ISBN becomes isbn and HTTPURL becomes http_url, not h_t_t_p_u_r_l.
//
// Column names follow the same snake_case rule as tables, but GORM keeps
// initialisms whole: it knows common ones (ID, HTTP, URL, JSON…) as words of
// their own, and reads any other run of capitals, like ISBN, as one word up
// to the capital that starts the next. So Go keeps its ID/URL spelling and
// SQL keeps its lower-case one.
//
// Hint: split each field name into words and write them lower-case with
// underscores.
//
// Docs: https://gorm.io/docs/conventions.html#Column-Name
func TestInitialismsStayTogether(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Edition{}))
	edition := schemaOf(t, db, &Edition{})

	assert.Equal(t, edition.DBNames, columnNames(t, db, &Edition{}), "the table has the columns GORM named")
	assert.Equal(t /*___*/, "isbn", edition.LookUpField("ISBN").DBName)                // the column of ISBN?
	assert.Equal(t /*___*/, "http_url", edition.LookUpField("HTTPURL").DBName)         // of HTTPURL?
	assert.Equal(t /*___*/, "publisher_id", edition.LookUpField("PublisherID").DBName) // of PublisherID?
}

package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestNoIdentityMap: loading the same row twice gives you two separate structs.
//
// SQLAlchemy's Session, Hibernate's persistence context and EF's DbContext
// hand back the *same* object for the same primary key, and the second load
// costs nothing. GORM has no session and no identity map: every finisher
// runs a query and fills the struct you pass in — nothing more.
//
// Hint: count the SELECTs the recorder saw, and ask whether changing a1 could
// possibly have reached a2, or the database.
// Docs: https://gorm.io/docs/query.html#Retrieving-a-single-object
// SQL: after first try
func TestNoIdentityMap(t *testing.T) {
	db, queries := fixtures.Library(t)

	var a1, a2 fixtures.Author
	require.NoError(t, db.First(&a1, 1).Error) // author 1, as seeded: Ursula K. Le Guin
	require.NoError(t, db.First(&a2, 1).Error)
	a1.Name = "Someone Else"

	var again fixtures.Author
	require.NoError(t, db.First(&again, 1).Error)

	assert.Equal(t, __, queries.Count("SELECT")) // how many SELECTs were sent?
	assert.Equal(t, __, a2.Name == a1.Name)      // did a2 see a1's change?
	assert.Equal(t, __, again.Name)              // what does the database still hold?
}

// TestOnlyFinishersSendSQL: Where, Order and Limit build a query; nothing runs until a finisher.
//
// GORM has two kinds of methods on *gorm.DB. Chain methods (Where, Order,
// Limit, Select, Preload, …) only add clauses to a statement in memory.
// Finishers (Find, First, Create, Update, Delete, Count, …) build the SQL and
// send it, right then. There is no flush to wait for and none to trigger.
//
// Hint: look at what the recorder held before Find, then after it.
// Docs: https://gorm.io/docs/method_chaining.html#Method-Categories
// SQL: after first try
func TestOnlyFinishersSendSQL(t *testing.T) {
	db, queries := fixtures.Library(t)

	q := db.Model(&fixtures.Book{}).Where("year < ?", 1900).Order("year").Limit(2)
	before := queries.Len()

	var books []fixtures.Book
	require.NoError(t, q.Find(&books).Error)

	assert.Equal(t, __, before)        // statements sent by the chain alone?
	assert.Equal(t, __, queries.Len()) // statements sent once Find ran?
	assert.Equal(t, __, len(books))    // books before 1900 that came back?
}

// TestChangingAStructSendsNothing: assigning to a loaded struct's field does not touch the database.
//
// An ORM with dirty tracking remembers what it loaded and, at flush or
// commit, writes the fields you changed. GORM keeps no copy of what it
// loaded and never looks at your struct again: a change reaches the database
// only when you pass the struct to a write yourself (Save, Updates, …).
//
// Hint: how many statements did the recorder see after Reset? And what does
// a fresh SELECT find in the row?
// Docs: https://gorm.io/docs/update.html#Save-All-Fields
// SQL: after first try
func TestChangingAStructSendsNothing(t *testing.T) {
	db, queries := fixtures.Library(t)

	var book fixtures.Book
	require.NoError(t, db.First(&book, 1).Error) // as seeded: A Wizard of Earthsea, 1968
	queries.Reset()

	book.Title = "A Wizard of Somewhere Else"
	book.Year = 2024
	sent := queries.Len()

	var again fixtures.Book
	require.NoError(t, db.First(&again, 1).Error)

	assert.Equal(t, __, sent)         // statements sent by the two assignments?
	assert.Equal(t, __, again.Year)   // the year stored in the row?
	assert.Equal(t, ___, again.Title) // the title stored in the row?
}

package loading

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestNoLazyLoading: a relation you did not ask for is simply not there.
//
// Hibernate and SQLAlchemy would run a query the moment you touch
// book.author. GORM has no proxies and no lazy loading: a finisher fills the
// struct with its own row, and the Author pointer stays nil, the Tags slice
// empty, until you load them.
//
// Hint: First sends one SELECT on books; what would have to send a query
// for authors or tags? The SQL shows after your first try.
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
func TestNoLazyLoading(t *testing.T) {
	db, queries := fixtures.Library(t)

	var earthsea fixtures.Book
	require.NoError(t, db.First(&earthsea, 1).Error)

	assert.Equal(t, __, earthsea.Author == nil) // is earthsea.Author nil?
	assert.Equal(t, __, len(earthsea.Tags))     // how many tags are there?
	assert.Equal(t, __, queries.Len())          // how many statements did that take?
	assert.Equal(t, __, earthsea.AuthorID != 0) // and yet, is the author's ID on the book's own row?
}

// TestTheNPlusOneLoop: loading a relation inside a loop costs one query per row.
//
// One query for the authors, then one more per author for their books: 1 + N
// round trips. It reads naturally and runs fast on nine rows, and it is the
// most common performance bug an ORM lets you write. Recorder.Shapes groups
// the statements that differ only by their arguments — the signature of N+1.
//
// Hint: there are nine authors in the library, Kazuo Ishiguro included.
// Docs: https://gorm.io/docs/preload.html
// SQL: after first try
func TestTheNPlusOneLoop(t *testing.T) {
	db, queries := fixtures.Library(t)

	var authors []fixtures.Author
	require.NoError(t, db.Find(&authors).Error)
	for i := range authors {
		require.NoError(t, db.Model(&authors[i]).Association("Books").Find(&authors[i].Books))
	}

	shapes := queries.Shapes()
	assert.Equal(t, __, queries.Count("SELECT")) // how many SELECTs did the loop cost?
	assert.Equal(t, __, len(shapes))             // how many shapes, arguments ignored?
	require.NotEmpty(t, shapes)
	assert.Equal(t, __, shapes[len(shapes)-1].Count) // how often did the last one run?
}

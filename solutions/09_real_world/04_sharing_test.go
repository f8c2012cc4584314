package realworld

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestOneDBForAllGoroutines: the *gorm.DB from Open is safe to share between goroutines.
//
// You open the database once, at start-up, and every request handler uses
// that same *gorm.DB. That is safe: each chain method called on the *gorm.DB
// from Open starts a new statement of its own, and the connection pool hands
// out connections. (On SQLite this pool has one connection, so the four
// queries take turns; on PostgreSQL it has four, and they may run side by
// side. The answers do not change.) What is not safe to share is a chain
// half built: phase 4 showed its conditions pile up.
//
// Hint: each goroutine starts its own chain from db. Could one goroutine's
// Where reach another's statement?
// Docs: https://gorm.io/docs/method_chaining.html
// SQL: after first try
func TestOneDBForAllGoroutines(t *testing.T) {
	db, queries := fixtures.Library(t)
	authors := []string{"Ursula K. Le Guin", "Terry Pratchett", "Octavia E. Butler", "Isaac Asimov"}

	counts := make([]int64, len(authors))
	var wg sync.WaitGroup
	for i := range authors {
		wg.Go(func() {
			err := db.Model(&fixtures.Book{}).Where("author_id = ?", i+1).Count(&counts[i]).Error
			assert.NoError(t, err)
		})
	}
	wg.Wait()

	right := true
	for i, name := range authors {
		right = right && int(counts[i]) == fixtures.BookCountByAuthor()[name]
	}
	conditions := 0
	for _, sql := range queries.SQL() {
		conditions = max(conditions, strings.Count(sql, "author_id ="))
	}
	assert.Equal(t /*__*/, 4, queries.Count("SELECT")) // how many SELECTs were sent?
	assert.Equal(t /*__*/, 1, conditions)              // how many author_id conditions did the busiest statement carry?
	assert.Equal(t /*__*/, true, right)                // did every goroutine count its own author's books?
}

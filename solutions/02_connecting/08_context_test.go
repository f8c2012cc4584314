package connecting

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCancelledContextSendsNothing: a query under a cancelled context fails before it reaches the database.
//
// WithContext returns a new session whose statements carry ctx down to
// database/sql. If ctx is already cancelled (the HTTP client went away, the
// deadline passed), database/sql refuses to hand out a connection and the
// error wraps context.Canceled — so test it with errors.Is, not by its text.
//
// Hint: the context was cancelled before the query started. Could a single
// statement, even a BEGIN, have reached the database?
//
// Docs: https://gorm.io/docs/context.html
// SQL: after first try
func TestCancelledContextSendsNothing(t *testing.T) {
	db, queries := fixtures.Library(t)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	var author fixtures.Author
	readErr := db.WithContext(ctx).First(&author).Error
	writeErr := db.WithContext(ctx).Create(&fixtures.Tag{Name: "memoir"}).Error

	assert.Equal(t /*__*/, true, errors.Is(readErr, context.Canceled))  // does the read's error wrap context.Canceled?
	assert.Equal(t /*__*/, true, errors.Is(writeErr, context.Canceled)) // and the write's?
	assert.Equal(t /*__*/, 0, queries.Len())                            // how many statements reached the database?
	assert.Empty(t, author.Name)
}

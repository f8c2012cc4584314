package realworld

import (
	"bytes"
	"log"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// bufferLogger is a GORM logger that writes into buf, without colours, at a
// level. Its SlowThreshold is 0, which turns slow-query warnings off: a busy
// machine cannot make a fast query "slow" here.
func bufferLogger(buf *bytes.Buffer, level logger.LogLevel, parameterized bool) logger.Interface {
	return logger.New(log.New(buf, "", 0), logger.Config{LogLevel: level, ParameterizedQueries: parameterized})
}

// TestLoggerLevels: the logger prints each statement at Info, only problems at Warn, and can hide the values.
//
// GORM's logger prints the SQL with the values inlined, where the call was
// made, how long it took and how many rows it touched. At the default level
// (Warn) it prints only slow queries and errors. ParameterizedQueries keeps
// the ? placeholders instead: the values (a password, an email) stay out of
// your logs.
//
// Hint: each query runs on its own Session with its own logger; all three
// look for Jane Austen, who exists, and return fast.
// Docs: https://gorm.io/docs/logger.html
func TestLoggerLevels(t *testing.T) {
	db, _ := fixtures.Library(t)
	var info, warn, hidden bytes.Buffer

	var a1, a2, a3 fixtures.Author
	require.NoError(t, db.Session(&gorm.Session{Logger: bufferLogger(&info, logger.Info, false)}).Where("name = ?", "Jane Austen").First(&a1).Error)
	require.NoError(t, db.Session(&gorm.Session{Logger: bufferLogger(&warn, logger.Warn, false)}).Where("name = ?", "Jane Austen").First(&a2).Error)
	require.NoError(t, db.Session(&gorm.Session{Logger: bufferLogger(&hidden, logger.Info, true)}).Where("name = ?", "Jane Austen").First(&a3).Error)

	assert.Equal(t, __, strings.Contains(info.String(), "Jane Austen"))   // does the Info log show the value?
	assert.Equal(t, __, warn.Len())                                       // how many bytes did the Warn logger write?
	assert.Equal(t, __, strings.Contains(hidden.String(), "Jane Austen")) // does the parameterized log show it?
}

// TestDebugOneQuery: Debug() turns on SQL logging for one chain, without touching the rest.
//
// In production the logger stays quiet. When one query puzzles you, Debug()
// starts a new session whose logger is switched to Info: that chain is
// printed, every other query stays silent.
//
// Hint: Debug is a chain method like WithContext; put it on the query you
// want to see.
// Docs: https://gorm.io/docs/logger.html#Debug
func TestDebugOneQuery(t *testing.T) {
	var buf bytes.Buffer
	db, queries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) {
		c.Logger = bufferLogger(&buf, logger.Silent, false)
	}))

	var authors []fixtures.Author
	require.NoError(t, db.Where("country = ?", "Japan").Find(&authors).Error)
	var books []fixtures.Book
	// ✎ print the SQL of this query, and of this one only
	require.NoError(t, db.Where("year > ?", 2000).Find(&books).Error)
	// ✎ end
	var tags []fixtures.Tag
	require.NoError(t, db.Find(&tags).Error)

	assert.Contains(t, buf.String(), queries.Spelled("SELECT * FROM `books` WHERE year > 2000"))
	assert.Equal(t, 1, strings.Count(buf.String(), "SELECT"), "only the books query is logged")
	assert.Contains(t, buf.String(), "[rows:3]", "by GORM's logger, with the rows it returned")
	queries.NoHandWritten(t)
}

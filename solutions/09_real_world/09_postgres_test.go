//go:build koans_postgres

package realworld

import (
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Bookcase holds at least one shelf: the database checks it.
type Bookcase struct {
	ID      uint
	Shelves int `gorm:"check:shelves > 0"`
}

// TestPostgresErrorCodes: on PostgreSQL, TranslateError maps four SQLSTATE codes to GORM's errors — when it can see them.
//
// PostgreSQL names every error with a five-character SQLSTATE code, carried
// by the *pgconn.PgError that pgx returns: 23505 unique_violation, 23503
// foreign_key_violation, 23514 check_violation, 23502 not_null_violation,
// 42703 undefined_column… With TranslateError on, the postgres dialector
// (v1.6.3) looks the code up in a table of four (23505 ErrDuplicatedKey,
// 23503 ErrForeignKeyViolated, 23514 ErrCheckConstraintViolated, 42703
// ErrInvalidField) and wraps the PgError in the sentinel it finds; any
// other code comes back as it was. It only looks when the error is a
// *pgconn.PgError itself, though, and pgx first prepares every query and
// every Exec with arguments: an error found while preparing (an unknown
// column, a typo in the SQL) arrives wrapped in a *pgconn.PrepareError, and
// is not translated. errors.As(err, &pgErr) reaches the PgError in every
// case: its Code is what to match when the table has no sentinel for it.
//
// Hint: a constraint is checked while the row is written; a column name
// while the statement is prepared. An Exec with no arguments is sent as it
// is, without preparing.
//
// Database: postgres
// Docs: https://pkg.go.dev/gorm.io/driver/postgres#Dialector.Translate
// SQL: after first try
func TestPostgresErrorCodes(t *testing.T) {
	db, _ := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))
	require.NoError(t, db.AutoMigrate(&Bookcase{}))

	noShelves := db.Create(&Bookcase{Shelves: -1}).Error
	preparedTypo := db.Model(&fixtures.Author{}).Where("id = ?", 1).Update("nickname", "Ursula").Error
	plainTypo := db.Exec("UPDATE authors SET nickname = 'Ursula' WHERE id = 1").Error
	untitled := db.Model(&fixtures.Book{ID: 1}).Update("title", nil).Error

	var pgErr *pgconn.PgError
	require.True(t, errors.As(preparedTypo, &pgErr), "errors.As finds the PgError inside")
	require.Equal(t, "42703", pgErr.Code, "nickname is not a column of authors")
	require.True(t, errors.As(untitled, &pgErr))

	assert.Equal(t /*__*/, true, errors.Is(noShelves, gorm.ErrCheckConstraintViolated)) // is the check violation translated?
	assert.Equal(t /*__*/, false, errors.Is(preparedTypo, gorm.ErrInvalidField))        // is the unknown column of Update translated?
	assert.Equal(t /*__*/, true, errors.Is(plainTypo, gorm.ErrInvalidField))            // and that of the Exec without arguments?
	assert.Equal(t /*___*/, "23502", pgErr.Code)                                        // the code of the NULL title, untranslated?
}

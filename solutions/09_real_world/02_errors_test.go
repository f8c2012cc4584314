package realworld

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestMapViolationsToStatusCodes: at the edge of an API, turn constraint violations into answers, with errors.Is.
//
// An API that adds a book for author 999 should answer 422, and one that adds
// Jane Austen twice 409, not leak "FOREIGN KEY constraint failed" as a 500.
// Let the constraints decide (a SELECT first, then an INSERT, can be
// overtaken by another request in between) and map their errors. By default
// GORM hands you the driver's own error: a sqlite3.Error value from mattn's
// driver (errors.As wants a sqlite3.Error target, not a pointer), another
// type from the pure-Go one, a *pgconn.PgError on PostgreSQL. TranslateError
// turns the common violations into GORM's sentinel errors, the same on every
// database, and the service may wrap them on the way up.
//
// Hint: two things: ask GORM to translate the driver's errors, then
// recognise the translated ones, wrapped or not.
// Docs: https://gorm.io/docs/error_handling.html#Dialect-Translated-Errors
func TestMapViolationsToStatusCodes(t *testing.T) {
	db, queries := fixtures.Library(t, fixtures.WithConfig(func(c *gorm.Config) {
		// ✎ translate driver errors into GORM's
		//koan: _ = c
		c.TranslateError = true
		//dodge untranslated: _ = c
		// ✎ end
	}))

	// ✎ answer 201 on success, 409 for a duplicate, 422 for a missing author, 500 for anything else
	//koan: status := func(err error) int {
	//koan: 	if err != nil {
	//koan: 		return http.StatusInternalServerError
	//koan: 	}
	//koan: 	return http.StatusCreated
	//koan: }
	status := func(err error) int {
		switch {
		case err == nil:
			return http.StatusCreated
		case errors.Is(err, gorm.ErrDuplicatedKey):
			return http.StatusConflict
		case errors.Is(err, gorm.ErrForeignKeyViolated):
			return http.StatusUnprocessableEntity
		default:
			return http.StatusInternalServerError
		}
	}
	//dodge untranslated: status := func(err error) int {
	//dodge untranslated: 	switch { case err == nil: return http.StatusCreated; case errors.Is(err, gorm.ErrDuplicatedKey): return http.StatusConflict; case errors.Is(err, gorm.ErrForeignKeyViolated): return http.StatusUnprocessableEntity }
	//dodge untranslated: 	return http.StatusInternalServerError
	//dodge untranslated: }
	//dodge match-the-text: status := func(err error) int {
	//dodge match-the-text: 	switch { case err == nil: return http.StatusCreated; case strings.Contains(err.Error(), "UNIQUE"): return http.StatusConflict; case strings.Contains(err.Error(), "FOREIGN KEY"): return http.StatusUnprocessableEntity }
	//dodge match-the-text: 	return http.StatusInternalServerError
	//dodge match-the-text: }
	//dodge compare-with-equals: status := func(err error) int {
	//dodge compare-with-equals: 	switch { case err == nil: return http.StatusCreated; case err == gorm.ErrDuplicatedKey: return http.StatusConflict; case err == gorm.ErrForeignKeyViolated: return http.StatusUnprocessableEntity }
	//dodge compare-with-equals: 	return http.StatusInternalServerError
	//dodge compare-with-equals: }
	//dodge match-gorm-text: status := func(err error) int {
	//dodge match-gorm-text: 	switch { case err == nil: return http.StatusCreated; case strings.Contains(err.Error(), gorm.ErrDuplicatedKey.Error()): return http.StatusConflict; case strings.Contains(err.Error(), gorm.ErrForeignKeyViolated.Error()): return http.StatusUnprocessableEntity }
	//dodge match-gorm-text: 	return http.StatusInternalServerError
	//dodge match-gorm-text: }
	//honest table-of-sentinels: status := func(err error) int {
	//honest table-of-sentinels: 	if err == nil { return http.StatusCreated }
	//honest table-of-sentinels: 	for _, m := range []struct { target error; code int }{{gorm.ErrDuplicatedKey, http.StatusConflict}, {gorm.ErrForeignKeyViolated, http.StatusUnprocessableEntity}} {
	//honest table-of-sentinels: 		if errors.Is(err, m.target) { return m.code }
	//honest table-of-sentinels: 	}
	//honest table-of-sentinels: 	return http.StatusInternalServerError
	//honest table-of-sentinels: }
	// ✎ end
	queries.Reset()

	assert.Equal(t, http.StatusCreated, status(db.Create(&fixtures.Book{Title: "Klara and the Sun", Year: 2021, AuthorID: 9}).Error))
	assert.Equal(t, http.StatusConflict, status(db.Create(&fixtures.Author{Name: "Jane Austen"}).Error), "Jane Austen is already there")
	assert.Equal(t, http.StatusUnprocessableEntity, status(db.Create(&fixtures.Book{Title: "Nobody's Book", AuthorID: 999}).Error), "there is no author 999")
	assert.Equal(t, http.StatusInternalServerError, status(db.Exec("INSERT INTO shelves (name) VALUES ('A')").Error), "a missing table is the server's fault")
	assert.Equal(t, http.StatusInternalServerError, status(errors.New("database is locked")), "so is a busy database")
	assert.Equal(t, http.StatusConflict, status(fmt.Errorf("adding author: %w", gorm.ErrDuplicatedKey)), "wrapped on its way up")
	assert.Equal(t, http.StatusUnprocessableEntity, status(fmt.Errorf("adding book: %w", gorm.ErrForeignKeyViolated)), "wrapped on its way up")
	dup := db.Create(&fixtures.Author{Name: "Jane Austen"}).Error
	assert.Equal(t, http.StatusConflict, status(serviceError{"could not save the author", dup}),
		"wrapped in an error whose text says nothing of it: only errors.Is still finds it")
	assert.Equal(t, http.StatusUnprocessableEntity, status(serviceError{"could not save the book", gorm.ErrForeignKeyViolated}),
		"wrapped in an error whose text says nothing of it: only errors.Is still finds it")
	assert.Zero(t, queries.Count("SELECT"), "the constraints decide: nothing is looked up first")
}

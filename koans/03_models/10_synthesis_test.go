package models

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestALoanModel: tag a Loan so that the database and GORM enforce the library's rules.
//
// The rules: every loan has its own Code; the Fine is 50 unless one is given,
// and an explicit 0 is a fine of 0; a fine is never negative, whoever writes
// it; Reminder is for the e-mail and never stored; LoanedAt is written when
// the loan is created and never changed afterwards. Each rule is one tag
// from this phase — the field types are already right.
//
// Hint: unique (or uniqueIndex), default: with check:, -, and <-:create.
// Fine is a *int, so nil and 0 are different.
//
// Docs: https://gorm.io/docs/models.html#tags
func TestALoanModel(t *testing.T) {
	db, _ := fixtures.Empty(t, fixtures.WithConfig(func(c *gorm.Config) { c.TranslateError = true }))

	// ✎ add the tags that enforce the rules
	type Loan struct {
		ID       uint
		Code     string
		Fine     *int
		Reminder string
		LoanedAt string
	}
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Loan{}))
	zero, negative := 0, -5
	plain := Loan{Code: "L1", Reminder: "due Friday", LoanedAt: "2026-03-01"}
	require.NoError(t, db.Create(&plain).Error)
	forgiven := Loan{Code: "L2", Fine: &zero, LoanedAt: "2026-03-02"}
	require.NoError(t, db.Create(&forgiven).Error)
	require.NoError(t, db.Model(&plain).Updates(Loan{LoanedAt: "2026-04-01"}).Error)

	fine := func(id uint) any { // the stored fine, or nil for NULL
		var n sql.NullInt64
		require.NoError(t, db.Raw("SELECT fine FROM loans WHERE id = ?", id).Scan(&n).Error)
		if !n.Valid {
			return nil
		}
		return int(n.Int64)
	}
	var loanedAt string
	require.NoError(t, db.Raw("SELECT loaned_at FROM loans WHERE id = ?", plain.ID).Scan(&loanedAt).Error)

	assert.Equal(t, 50, fine(plain.ID), "no fine given: 50")
	assert.Equal(t, 0, fine(forgiven.ID), "an explicit 0 stays 0")
	assert.ErrorIs(t, db.Create(&Loan{Code: "L1"}).Error, gorm.ErrDuplicatedKey, "codes are unique")
	assert.Error(t, db.Create(&Loan{Code: "L3", Fine: &negative}).Error, "a negative fine is refused")
	assert.False(t, db.Migrator().HasColumn(&Loan{}, "reminder"), "Reminder is never stored")
	assert.Equal(t, "2026-03-01", loanedAt, "LoanedAt is written once")
	assert.True(t, uniqueByTag(t, db, &Loan{}, "Code"), "GORM itself does not know Code is unique: use its tag, not DDL in type:")
	assert.True(t, checkedByTag(t, db, &Loan{}, "Fine"), "GORM itself knows of no check on Fine: use its tag, not DDL in type:")
}

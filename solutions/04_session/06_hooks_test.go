package session

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Ticket notes, in Trail, every hook GORM calls on it, and in Saw the ID
// the ticket held when that hook ran. Neither is a column.
type Ticket struct {
	ID    uint
	Title string
	Trail []string `gorm:"-"`
	Saw   []uint   `gorm:"-"`
}

func (k *Ticket) BeforeSave(*gorm.DB) error   { return k.note("BeforeSave") }
func (k *Ticket) BeforeCreate(*gorm.DB) error { return k.note("BeforeCreate") }
func (k *Ticket) AfterCreate(*gorm.DB) error  { return k.note("AfterCreate") }
func (k *Ticket) AfterSave(*gorm.DB) error    { return k.note("AfterSave") }

func (k *Ticket) note(hook string) error {
	k.Trail = append(k.Trail, hook)
	k.Saw = append(k.Saw, k.ID)
	return nil
}

// Payment refuses, after it was inserted, to exist with a negative amount.
type Payment struct {
	ID     uint
	Amount int
}

func (p *Payment) AfterCreate(*gorm.DB) error {
	if p.Amount < 0 {
		return errors.New("a payment cannot be negative")
	}
	return nil
}

// TestHooksRunInOrder: Create calls four hooks around its one INSERT — in an order, and each sees the struct as it is then.
//
// Hooks are methods on your model that GORM calls inside the write's
// transaction: the Before hooks before the INSERT is sent, the After hooks
// once it ran. Save hooks wrap Create (and Update) hooks. They are GORM's
// answer to Hibernate's @PrePersist and SQLAlchemy's before_insert events.
//
// Hint: the Save hooks are the outer pair, the Create hooks the inner one.
// The ID of a new row is the database's to give: when does the struct get it?
// Docs: https://gorm.io/docs/hooks.html
func TestHooksRunInOrder(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Ticket{}))
	queries.Reset()

	ticket := Ticket{Title: "Shelve the returns"}
	require.NoError(t, db.Create(&ticket).Error)

	assert.Equal(t /*__*/, []string{"BeforeSave", "BeforeCreate", "AfterCreate", "AfterSave"}, ticket.Trail) // hooks called, in order?
	assert.Equal(t /*__*/, []uint{0, 0, 1, 1}, ticket.Saw)                                                   // the ticket's ID as each hook saw it, in order?
	assert.Equal(t, []string{"BEGIN", "INSERT", "COMMIT"}, queries.Keywords(), "one INSERT, hooks and all, in one transaction")
}

// TestHookErrorRollsBack: an error from a hook undoes the write it was part of.
//
// Create runs the INSERT and its hooks in one transaction. When a hook
// returns an error, GORM rolls that transaction back and hands you the
// hook's error: the INSERT reached the database, and was undone there.
//
// Hint: AfterCreate runs after the INSERT was sent. After your first try,
// read the statements sent, and the last one in particular.
// Docs: https://gorm.io/docs/hooks.html
// SQL: after first try
func TestHookErrorRollsBack(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Payment{}))
	queries.Reset()

	err := db.Create(&Payment{Amount: -5}).Error
	require.Error(t, err)

	var n int64
	require.NoError(t, db.Model(&Payment{}).Count(&n).Error)

	assert.Equal(t /*__*/, []string{"BEGIN", "INSERT", "ROLLBACK", "SELECT"}, queries.Keywords()) // statements sent, by first word?
	assert.Equal(t /*__*/, 0, int(n))                                                             // payments stored?
}

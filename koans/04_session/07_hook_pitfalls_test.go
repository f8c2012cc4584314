package session

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Draft notes, in Trail, every hook GORM calls on it, and in Seen the ID
// and title its BeforeUpdate found on the struct. Neither is a column.
type Draft struct {
	ID        uint
	Title     string
	UpdatedAt time.Time
	Trail     []string `gorm:"-"`
	Seen      string   `gorm:"-"`
}

func (d *Draft) BeforeSave(*gorm.DB) error   { return d.note("BeforeSave") }
func (d *Draft) BeforeCreate(*gorm.DB) error { return d.note("BeforeCreate") }
func (d *Draft) AfterCreate(*gorm.DB) error  { return d.note("AfterCreate") }
func (d *Draft) AfterUpdate(*gorm.DB) error  { return d.note("AfterUpdate") }
func (d *Draft) AfterSave(*gorm.DB) error    { return d.note("AfterSave") }

func (d *Draft) BeforeUpdate(*gorm.DB) error {
	d.Seen = d.Title
	if d.ID == 0 {
		d.Seen = "an empty Draft"
	}
	return d.note("BeforeUpdate")
}

func (d *Draft) note(hook string) error {
	d.Trail = append(d.Trail, hook)
	return nil
}

// drafts opens an empty database holding one draft, "Notes" (ID 1).
func drafts(t *testing.T) (*gorm.DB, *fixtures.Recorder) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Draft{}))
	require.NoError(t, db.Create(&Draft{Title: "Notes"}).Error)
	queries.Reset()
	return db, queries
}

// TestUpdateColumnSkipsHooks: UpdateColumn writes the column and nothing else — no hooks, no updated_at.
//
// Update runs the whole update callback chain: the Save and Update hooks,
// and the stamp GORM puts in a model's UpdatedAt. UpdateColumn and
// UpdateColumns are the raw versions: the same UPDATE … WHERE id, without
// the hooks and without touching updated_at. Handy for a counter; a trap
// when a hook enforces a rule or keeps another column in step.
//
// Hint: after your first try, compare the two UPDATEs, column by column, and think about
// which of them GORM built with the hooks around it.
// Docs: https://gorm.io/docs/update.html
// SQL: after first try
func TestUpdateColumnSkipsHooks(t *testing.T) {
	db, queries := drafts(t)

	var viaUpdate, viaColumn Draft
	require.NoError(t, db.First(&viaUpdate, 1).Error)
	require.NoError(t, db.First(&viaColumn, 1).Error)
	queries.Reset()

	require.NoError(t, db.Model(&viaUpdate).Update("title", "Notes, revised").Error)
	require.NoError(t, db.Model(&viaColumn).UpdateColumn("title", "Notes, final").Error)
	sent := queries.Statements()
	require.Len(t, sent, 6)

	assert.Equal(t, __, viaUpdate.Trail)                             // hooks Update called?
	assert.Equal(t, __, len(viaColumn.Trail))                        // hooks UpdateColumn called?
	assert.Equal(t, __, strings.Contains(sent[4].SQL, "updated_at")) // did UpdateColumn's UPDATE set updated_at?
}

// TestHooksSeeTheModelYouPass: a hook runs on the struct given to Model — with Model(&Draft{}), an empty one.
//
// A hook is a method, so it needs a receiver: GORM calls it on the value
// you passed to Model. Update a loaded draft and BeforeUpdate sees its ID
// and title. Update "by condition", through Model(&Draft{}).Where(…), and
// the hook sees a zero Draft: no ID, no title — a check in the hook that
// reads them checks nothing.
//
// Hint: Seen is what BeforeUpdate found in Title (or "an empty Draft" when
// the ID was 0). Both updates reached the same row.
// Docs: https://gorm.io/docs/hooks.html
func TestHooksSeeTheModelYouPass(t *testing.T) {
	db, queries := drafts(t)

	var loaded Draft
	require.NoError(t, db.First(&loaded, 1).Error)
	require.NoError(t, db.Model(&loaded).Update("title", "Notes, revised").Error)

	blank := Draft{}
	require.NoError(t, db.Model(&blank).Where("id = ?", 1).Update("title", "Notes, final").Error)

	assert.Equal(t, ___, loaded.Seen)            // what did the hook see with the loaded draft?
	assert.Equal(t, ___, blank.Seen)             // and with Model(&Draft{})?
	assert.Equal(t, __, queries.Count("UPDATE")) // UPDATEs sent all the same?
}

// Article marks itself reviewed in BeforeUpdate by assigning the field.
type Article struct {
	ID       uint
	Title    string
	Reviewed bool
}

func (a *Article) BeforeUpdate(*gorm.DB) error {
	a.Reviewed = true
	return nil
}

// Essay marks itself reviewed in BeforeUpdate through the statement.
type Essay struct {
	ID       uint
	Title    string
	Reviewed bool
}

func (e *Essay) BeforeUpdate(tx *gorm.DB) error {
	tx.Statement.SetColumn("Reviewed", true)
	return nil
}

// TestBeforeUpdateNeedsSetColumn: a field assigned in BeforeUpdate sticks only when GORM reads that same struct afterwards; SetColumn sticks always.
//
// BeforeUpdate runs on the struct you gave to Model, before the SET list
// is built. Update("title", …) and Updates(map) build the SET list from
// their arguments, and Updates(Article{…}) from that other struct: none of
// them reads the model again, so an assignment in the hook changes your
// struct and no row. Save(&a), and Updates(&a) with the very struct you gave
// to Model, read it after the hook ran: a non-zero assignment goes into the
// SET list (a zero one still would not, for Updates). tx.Statement.SetColumn
// puts the column into the statement being built, whichever way it is built.
//
// Hint: for each write, ask which struct or map GORM reads to build its SET
// list, and whether the hook's assignment is in it. The struct says one
// thing; the row may say another.
// Docs: https://gorm.io/docs/hooks.html#Modify-current-operation
// SQL: after first try
func TestBeforeUpdateNeedsSetColumn(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Article{}, &Essay{}))
	article, essay, saved, same := Article{Title: "Draft"}, Essay{Title: "Draft"}, Article{Title: "Draft"}, Article{Title: "Draft"}
	require.NoError(t, db.Create(&article).Error)
	require.NoError(t, db.Create(&essay).Error)
	require.NoError(t, db.Create(&saved).Error)
	require.NoError(t, db.Create(&same).Error)

	require.NoError(t, db.Model(&article).Update("title", "Final").Error)
	require.NoError(t, db.Model(&essay).Update("title", "Final").Error)
	saved.Title = "Final"
	require.NoError(t, db.Save(&saved).Error)
	same.Title = "Final"
	require.NoError(t, db.Model(&same).Updates(&same).Error)

	reviewed := func(id uint) bool { // what the row says
		var a Article
		require.NoError(t, db.First(&a, id).Error)
		return a.Reviewed
	}
	var e Essay
	require.NoError(t, db.First(&e, essay.ID).Error)

	assert.Equal(t, __, article.Reviewed)     // does the article struct say reviewed, after Update?
	assert.Equal(t, __, reviewed(article.ID)) // and the article's row?
	assert.Equal(t, __, e.Reviewed)           // the essay's row, with SetColumn?
	assert.Equal(t, __, reviewed(saved.ID))   // the row Save wrote?
	assert.Equal(t, __, reviewed(same.ID))    // the row of Updates(&same), same struct as Model?
}

// TestSaveFallbackSkipsCreateHooks: when Save's UPDATE finds no row, its INSERT runs without any hooks.
//
// Save on a struct with an ID runs the update chain, hooks included. If
// the UPDATE matched no row, Save inserts instead — through a session with
// SkipHooks, so BeforeCreate and AfterCreate never run, for a row that was
// created all the same. A default or a check that lives in BeforeCreate
// does not happen on this path.
//
// Hint: there is no draft 50. Read the Trail Save left, then the statements.
// Docs: https://gorm.io/docs/hooks.html
func TestSaveFallbackSkipsCreateHooks(t *testing.T) {
	db, queries := drafts(t)

	ghost := Draft{ID: 50, Title: "Imported"}
	require.NoError(t, db.Save(&ghost).Error)

	var n int64
	require.NoError(t, db.Model(&Draft{}).Where("id = ?", 50).Count(&n).Error)
	require.EqualValues(t, 1, n, "Save did insert draft 50")

	assert.Equal(t, __, ghost.Trail)             // hooks called, in order?
	assert.Equal(t, __, queries.Count("INSERT")) // INSERTs sent?
}

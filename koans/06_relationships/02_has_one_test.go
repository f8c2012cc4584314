package relationships

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm/schema"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Member and Card are a has-one: the card row holds the member's ID.
type Member struct {
	ID   uint
	Name string
	Card Card
}

// Card belongs to exactly one member, through MemberID.
type Card struct {
	ID       uint
	Number   string
	MemberID uint
}

// TestHasOneKeyLivesOnTheOtherSide: in a has-one, the struct with the field is the parent; the key is on the child.
//
// Member has a Card field, and Card has MemberID. The field alone does not
// say who points at whom; the ID field does. Because cards.member_id points
// at members, GORM inserts the member first, then the card with the new
// member's ID. The mirror image — Member with CardID — would be a
// belongs-to: card first, then the member.
//
// Hint: a row can only point at an ID that exists already. After your
// first try, the SQL shows the two INSERTs.
// Docs: https://gorm.io/docs/has_one.html
// SQL: after first try
func TestHasOneKeyLivesOnTheOtherSide(t *testing.T) {
	db, queries := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Member{}, &Card{}))
	queries.Reset()

	ada := Member{Name: "Ada", Card: Card{Number: "L-0001"}}
	require.NoError(t, db.Create(&ada).Error)

	assert.Equal(t, __, queries.Tables("INSERT"))                      // which tables got an INSERT, in order?
	assert.Equal(t, __, ada.Card.MemberID == ada.ID)                   // did GORM copy the member's new ID onto the card?
	assert.Equal(t, __, db.Migrator().HasColumn(&Member{}, "card_id")) // has members a card_id column?
}

// TestDefineAValidForeignKey: make a Visitor's one Locker a has-one GORM can map.
//
// A struct field of another struct type is a relation, and GORM must find
// its foreign key: <Owner>ID on the child (has-one) or <Field>ID on the
// owner (belongs-to). With neither, every use of the model fails with
// "invalid field found for struct …'s field Locker: define a valid foreign
// key for relations or implement the Valuer/Scanner interface". Here a
// locker is handed to a visitor, so the locker holds the visitor's ID.
//
// Hint: has-one, like Member and Card above: which struct gets which field?
// Docs: https://gorm.io/docs/has_one.html
func TestDefineAValidForeignKey(t *testing.T) {
	db, queries := fixtures.Empty(t)

	// ✎ give GORM the foreign key it asks for: the locker points at its visitor
	type Locker struct {
		ID     uint
		Number int
	}
	type Visitor struct {
		ID     uint
		Name   string
		Locker Locker
	}
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Visitor{}, &Locker{}))
	assert.Equal(t, schema.HasOne, relation(t, db, &Visitor{}, "Locker").Type, "Visitor.Locker must be a has-one: the key on the locker, pointing at its visitor")
	queries.Reset()
	ben := Visitor{Name: "Ben", Locker: Locker{Number: 12}}
	require.NoError(t, db.Create(&ben).Error)

	assert.Equal(t, []string{"visitors", "lockers"}, queries.Tables("INSERT"), "the visitor first: the locker points at it")
	var got Visitor
	require.NoError(t, db.Preload("Locker").First(&got, ben.ID).Error)
	assert.Equal(t, 12, got.Locker.Number)
}

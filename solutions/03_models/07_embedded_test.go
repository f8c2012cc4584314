package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// Address and Contact are plain structs reused inside models; they have no
// table of their own.
type Address struct {
	Street string
	City   string
}

type Contact struct {
	Email string
	Phone string
}

// Publisher embeds Contact anonymously and Address as a named, prefixed field.
type Publisher struct {
	ID uint
	Contact
	Office Address `gorm:"embedded;embeddedPrefix:office_"`
}

// TestEmbeddedStructsBecomeColumns: an embedded struct adds its fields as columns of the outer table.
//
// An anonymous embedded struct is flattened: its fields are columns as if
// declared in the outer struct. A named struct field needs the `embedded` tag
// to get the same treatment, and embeddedPrefix keeps its columns apart.
// Either way there is one table and no join.
//
// Hint: an anonymous embedded struct's fields are named as if they were
// Publisher's own; embeddedPrefix goes in front of the field's column.
//
// Docs: https://gorm.io/docs/models.html#embedded_struct
// SQL: after first try
func TestEmbeddedStructsBecomeColumns(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Publisher{}))

	columns := columnNames(t, db, &Publisher{})

	assert.Equal(t /*__*/, []string{"id", "email", "phone", "office_street", "office_city"}, columns) // which columns has the publishers table, in order?
	assert.Equal(t /*__*/, false, db.Migrator().HasTable("addresses"))                                // did Address get a table?
}

// TestTwoEmbeddedAddressesNeedPrefixes: store a customer's home and work address, both of them.
//
// Two embedded structs of the same type produce the same column names. GORM
// does not complain: the table gets one street and one city, and one of the
// two addresses silently has nowhere to go. A prefix per field gives each its
// own columns.
//
// Hint: the tag that gives embedded fields' columns a prefix. Each address
// field must be a column of its own, so queries can filter on it.
//
// Docs: https://gorm.io/docs/models.html#embedded_struct
func TestTwoEmbeddedAddressesNeedPrefixes(t *testing.T) {
	db, _ := fixtures.Empty(t)

	// ✎ make Home and Work land in different columns
	//koan: type Customer struct {
	//koan: 	ID   uint
	//koan: 	Home Address `gorm:"embedded"`
	//koan: 	Work Address `gorm:"embedded"`
	//koan: }
	type Customer struct {
		ID   uint
		Home Address `gorm:"embedded;embeddedPrefix:home_"`
		Work Address `gorm:"embedded;embeddedPrefix:work_"`
	}
	//dodge json: type Customer struct {
	//dodge json: 	ID   uint
	//dodge json: 	Home Address `gorm:"serializer:json"`
	//dodge json: 	Work Address `gorm:"serializer:json"`
	//dodge json: }
	//dodge column-tag: type Customer struct {
	//dodge column-tag: 	ID   uint
	//dodge column-tag: 	Home Address `gorm:"embedded"`
	//dodge column-tag: 	Work Address `gorm:"embedded;column:work"`
	//dodge column-tag: }
	//dodge one-embedded: type Customer struct {
	//dodge one-embedded: 	ID   uint
	//dodge one-embedded: 	Home Address `gorm:"embedded"`
	//dodge one-embedded: 	Work Address `gorm:"-"`
	//dodge one-embedded: }
	//honest one-prefix: type Customer struct {
	//honest one-prefix: 	ID   uint
	//honest one-prefix: 	Home Address `gorm:"embedded"`
	//honest one-prefix: 	Work Address `gorm:"embedded;embeddedPrefix:work_"`
	//honest one-prefix: }
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Customer{}))
	c := Customer{
		Home: Address{Street: "Elm Street 1", City: "Ankh-Morpork"},
		Work: Address{Street: "Unseen University", City: "Ankh-Morpork"},
	}
	require.NoError(t, db.Create(&c).Error)
	var back Customer
	require.NoError(t, db.First(&back, c.ID).Error)

	assert.Equal(t, "Elm Street 1", back.Home.Street)
	assert.Equal(t, "Unseen University", back.Work.Street)
	assert.Len(t, columnNames(t, db, &Customer{}), 5, "an id and one column per address field")
}

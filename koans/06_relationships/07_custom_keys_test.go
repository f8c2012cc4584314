package relationships

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestCustomForeignKey: a relation can use columns GORM would not guess, if its tag names them.
//
// By convention Writer.Works is found through works.writer_id = writers.id.
// These works carry their writer's code instead. The tag
// `foreignKey:<field on the child>;references:<field on the parent>` says so;
// without it GORM cannot find a writer_id and refuses the model.
//
// Hint: both names in the tag are Go field names, not column names. The
// failure below, if it mentions a "valid foreign key", is GORM asking for
// exactly this tag.
// Docs: https://gorm.io/docs/has_many.html#Override-References
func TestCustomForeignKey(t *testing.T) {
	db, _ := fixtures.Empty(t)

	type Work struct {
		ID         uint
		Title      string
		WriterCode string
	}
	// ✎ tell GORM that a writer's works are found by the writer's Code
	type Writer struct {
		ID    uint
		Code  string `gorm:"uniqueIndex"`
		Name  string
		Works []Work
	}
	// ✎ end

	require.NoError(t, db.AutoMigrate(&Writer{}, &Work{}))
	rel := relation(t, db, &Writer{}, "Works")
	require.Len(t, rel.References, 1)
	assert.Equal(t, "ID", rel.Schema.PrioritizedPrimaryField.Name, "Writer's primary key is still ID: the tag on Works changes the relation, not the model")
	assert.Equal(t, "Code", rel.References[0].PrimaryKey.Name, "the works point at the writer's Code, through the tag on Works")
	leguin := Writer{Code: "ukl", Name: "Ursula K. Le Guin", Works: []Work{{Title: "Tehanu"}, {Title: "Always Coming Home"}}}
	require.NoError(t, db.Create(&leguin).Error)

	var codes []string
	require.NoError(t, db.Model(&Work{}).Order("id").Pluck("writer_code", &codes).Error)
	assert.Equal(t, []string{"ukl", "ukl"}, codes)
	var works []Work
	require.NoError(t, db.Model(&Writer{Code: "ukl"}).Association("Works").Find(&works))
	assert.Len(t, works, 2)
}

// Reader keeps favourite novels in a join table named and shaped by its tag.
type Reader struct {
	ID         uint
	Name       string
	Favourites []Novel `gorm:"many2many:reader_favourites;joinForeignKey:ReaderRef;joinReferences:NovelRef"`
}

// Novel is a reader's favourite.
type Novel struct {
	ID    uint
	Title string
}

// TestCustomJoinTable: many2many names the join table; joinForeignKey and joinReferences name its columns.
//
// The `many2many:` tag always names the join table: here reader_favourites.
// Its columns would be reader_id and novel_id; joinForeignKey renames the
// column that points at this side, joinReferences the one that points at
// the other, and GORM snake_cases both names.
//
// Hint: which of the two tags names the column that points at a Novel?
// Beloved reaches Ben's favourites with its ID already set.
// Docs: https://gorm.io/docs/many_to_many.html#Customize-JoinTable
// SQL: after first try
func TestCustomJoinTable(t *testing.T) {
	db, _ := fixtures.Empty(t)
	require.NoError(t, db.AutoMigrate(&Reader{}, &Novel{}))

	ann := Reader{Name: "Ann", Favourites: []Novel{{Title: "Beloved"}, {Title: "Emma"}}}
	require.NoError(t, db.Create(&ann).Error)
	beloved := ann.Favourites[0]
	ben := Reader{Name: "Ben", Favourites: []Novel{beloved}}
	require.NoError(t, db.Create(&ben).Error)

	var fans int64
	require.NoError(t, db.Table("reader_favourites").Where(___, beloved.ID).Count(&fans).Error) // which condition finds Beloved's links?
	assert.Equal(t, __, int(fans))                                                              // how many readers keep Beloved as a favourite?
}

package grade

import (
	"fmt"
	"testing"
	"time"
)

// Honest answers written differently from the reference solutions: other
// names, extra locals, comments, line breaks, another correct GORM call.
// Each must keep its points. Variant i of every koan goes into submission i.
var honest = []struct {
	file, old string
	variants  []string
}{
	{arenaFile, "assert.Equal(t /*__*/, 1, queries.Count", []string{
		"assert.Equal(t, int(1), queries.Count",
		"assert.Equal(t, (1), queries.Count",
		"assert.Equal(t, 1 /* one SELECT */, queries.Count",
		"assert.Equal(t,\n\t\t1,\n\t\tqueries.Count",
		"assert.Equal(t, 0+1, queries.Count",
	}},
	{arenaFile, oneQuery, []string{
		`require.NoError(t, db.Where("id IN ?", []int{1, 2, 3}).Find(&authors).Error)`,
		"ids := []int{1, 2, 3}\n\terr := db.Find(&authors, ids).Error\n\trequire.NoError(t, err)",
		"// one query for all three\n\tresult := db.\n\t\tWhere(\"id <= ?\", 3).\n\t\tFind(&authors)\n\trequire.NoError(t, result.Error)",
		`require.NoError(t, db.Order("id").Limit(3).Find(&authors).Error)`,
		"load := func(ids ...int) error { return db.Find(&authors, ids).Error }\n\trequire.NoError(t, load(1, 2, 3))",
	}},
	{arenaFile, "err := db.Transaction(func(tx *gorm.DB) error {\n\t\treturn tx.Create(&fixtures.Author{Name: \"New\"}).Error\n\t})", []string{
		"err := db.Transaction(func(tx *gorm.DB) error {\n\t\tauthor := fixtures.Author{Name: \"New\"}\n\t\treturn tx.Create(&author).Error\n\t})",
		"var tx *gorm.DB = db.Begin()\n\ttx.Create(&fixtures.Author{Name: \"New\"})\n\terr := tx.Commit().Error",
		"var err error\n\terr = db.Transaction(func(inner *gorm.DB) error { return inner.Create(&fixtures.Author{Name: \"New\", Country: \"NZ\"}).Error })",
		"err := db.Transaction(func(tx *gorm.DB) error {\n\t\tif err := tx.Create(&fixtures.Author{Name: \"New\"}).Error; err != nil {\n\t\t\treturn err\n\t\t}\n\t\treturn nil\n\t})",
		"name := \"New\"\n\terr := db.Transaction(func(tx *gorm.DB) error {\n\t\treturn tx.Model(&fixtures.Author{}).Create(map[string]any{\"name\": name}).Error\n\t})",
	}},
	{otherFile, `db.Table( /*___*/ "books")`, []string{
		"db.Table(`books`)",
		`db.Table("books" /* the books' table */)`,
		`db.Table(string("books"))`,
		`db.Table("book" + "s")`,
		"db.Table(\n\t\t\"books\",\n\t)",
	}},
	{otherFile, "assert.Equal(t /*__*/, true, n > 0)", []string{
		"assert.Equal(t, !false, n > 0)",
		"assert.Equal(t, bool(true), n > 0)",
		"assert.Equal(t, (true), n > 0)",
		"assert.Equal(t, true, n > 0) // yes, there are",
		"assert.Equal(t, true && true, n > 0)",
	}},
	{otherFile, "require.NoError(t, db.First(&a).Error)", []string{
		"require.NoError(t, db.Take(&a, 1).Error)",
		"db.First(&a)",
		`require.NoError(t, db.Order("id").First(&a).Error)`,
		"require.NoError(t, db.Where(&fixtures.Author{ID: 1}).First(&a).Error)",
		"result := db.Limit(1).Find(&a)\n\trequire.NoError(t, result.Error)",
	}},
}

func TestHonestAnswersKeepTheirPoints(t *testing.T) {
	t.Parallel()
	root := arena(t)
	subs := map[string]files{}
	answers := 0
	for i := range honest[0].variants {
		f := solved(t, root)
		for _, h := range honest {
			f.edit(t, h.file, h.old, h.variants[i])
			answers++
		}
		subs[fmt.Sprintf("honest-%d", i+1)] = f
	}
	if answers < 20 {
		t.Fatalf("only %d honest answers: the corpus needs at least 20", answers)
	}
	got := gradeAll(t, root, subs, 5*time.Second, nil)
	for name, points := range got {
		expect(t, name, points)
	}
}

package tamper

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// typedShipped is a koan file whose recorder comes from a phase's helper,
// and whose block declares what the koan asserts on after it.
const typedShipped = `package p

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestH: a koan whose database comes from a helper.
func TestH(t *testing.T) {
	db, queries := members(t)
	// ✎ load the authors
	var found []fixtures.Author
	require.NoError(t, db.Find(&found).Error)
	// ✎ end
	assert.Len(t, found, 9)
	assert.Equal(t, 1, queries.Count("SELECT"))
}
`

// typedHelpers is the phase's other file, as shipped.
const typedHelpers = `package p

import (
	"testing"

	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

func members(t *testing.T) (*gorm.DB, *fixtures.Recorder) {
	return fixtures.Library(t)
}
`

// exports is the export data of what the koans import, built once.
var exports = sync.OnceValues(func() (Exports, error) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return nil, err
	}
	return ListExports(context.Background(), root, os.Environ(), "",
		"testing", "github.com/stretchr/testify/assert", "github.com/stretchr/testify/require", "gorm.io/gorm",
		"github.com/gorm-koans/gorm-koans/fixtures")
})

func typedCheck(t *testing.T, sub string) File {
	t.Helper()
	e, err := exports()
	require.NoError(t, err)
	path := "koans/01_p/h_test.go"
	ty := &Typed{Exports: e, Phase: map[string][]byte{path: []byte(typedShipped), "koans/01_p/helpers_test.go": []byte(typedHelpers)}}
	return CheckTyped(path, []byte(typedShipped), []byte(sub), []string{"TestH"}, map[string]bool{"members": true}, ty)
}

// Types close the check's known gaps: a recorder that came from a phase's
// helper is still the recorder, a name the shipped block declares cannot be
// declared again with another type for the assertions after the block to
// check a fake, and a block registers no callback or plugin of its own
// among those the recorder reads GORM's statements from.
func TestTypesCloseTheGaps(t *testing.T) {
	block := "var found []fixtures.Author\n\trequire.NoError(t, db.Find(&found).Error)"
	for _, tc := range []struct {
		name, new string
		want      string // a part of TestH's first reason; "" for honest code
	}{
		{"as shipped", block, ""},
		{"another honest way", "found := []fixtures.Author{}\n\trequire.NoError(t, db.Order(\"id\").Find(&found).Error)", ""},
		{"a helper's recorder reset", "var found []fixtures.Author\n\tfor id := 1; id <= 9; id++ {\n\t\tvar a fixtures.Author\n\t\tdb.First(&a, id)\n\t\tfound = append(found, a)\n\t}\n\tqueries.Reset()\n\trequire.NoError(t, db.Find(&[]fixtures.Author{}).Error)", "recorder queries"},
		{"a helper's recorder copied", "var found []fixtures.Author\n\trequire.NoError(t, db.Find(&found).Error)\n\tq := queries\n\t_ = q", "recorder queries"},
		{"a second database from the helper", "other, _ := members(t)\n\tvar found []fixtures.Author\n\trequire.NoError(t, other.Find(&found).Error)\n\trequire.NoError(t, db.Find(&[]fixtures.Author{}).Error)", "opens a database of its own"},
		{"a fake of another type", "found := make([]int, 9)\n\trequire.NoError(t, db.Find(&[]fixtures.Author{}).Error)", "declares found as []int, where the shipped block declares it as []github.com/gorm-koans/gorm-koans/fixtures.Author"},
		{"a fake of a local type", "type fake []int\n\tvar found fake = make(fake, 9)\n\trequire.NoError(t, db.Find(&[]fixtures.Author{}).Error)", "keeps its type"},
		{"a callback of its own", "db.Callback().Query().Remove(\"gorm:query\")\n\tvar found []fixtures.Author\n\trequire.NoError(t, db.Find(&found).Error)", "changes what GORM does for every statement (db.Callback)"},
		{"a plugin's method value", "register := db.Use\n\t_ = register(nil)\n\tvar found []fixtures.Author\n\trequire.NoError(t, db.Find(&found).Error)", "changes what GORM does for every statement (db.Use)"},
		{"a plugin of its own", "_ = db.Use(nil)\n\tvar found []fixtures.Author\n\trequire.NoError(t, db.Find(&found).Error)", "changes what GORM does for every statement (db.Use)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, typedShipped, block)
			sub := strings.Replace(typedShipped, block, tc.new, 1)
			got := typedCheck(t, sub)
			if tc.want == "" {
				assert.Empty(t, got.Tampered)
				return
			}
			if assert.NotEmpty(t, got.Tampered["TestH"], "TestH must be tampered") {
				assert.Contains(t, strings.Join(got.Tampered["TestH"], "\n"), tc.want)
			}
			assert.Equal(t, strings.Fields(typedShipped), strings.Fields(string(got.Graded)), "put back as shipped")
		})
	}
	// Without types, the helper's recorder is not known: the gap the
	// types close.
	sub := strings.Replace(typedShipped, block, block+"\n\tqueries.Reset()", 1)
	assert.Empty(t, Check("koans/01_p/h_test.go", []byte(typedShipped), []byte(sub), []string{"TestH"}, map[string]bool{"members": true}).Tampered)
	assert.NotEmpty(t, typedCheck(t, sub).Tampered["TestH"])
}

// A submission that does not type-check is checked as without types: its
// phase does not compile, which costs its points anyway. A type error in a
// koan that is put back as shipped does not hide another koan's tampering.
func TestAFileThatDoesNotTypeCheckIsCheckedWithoutTypes(t *testing.T) {
	sub := strings.Replace(typedShipped, "require.NoError(t, db.Find(&found).Error)", "require.NoError(t, db.Find(&found).Eror)", 1)
	got := typedCheck(t, sub)
	assert.Empty(t, got.Tampered)
}

func TestATypeErrorInATamperedKoanHidesNothing(t *testing.T) {
	second := strings.Replace(typedShipped, "TestH", "TestI", -1)
	second = second[strings.Index(second, "// TestI"):]
	shipped := typedShipped + "\n" + second
	path := "koans/01_p/h_test.go"
	e, err := exports()
	require.NoError(t, err)
	ty := &Typed{Exports: e, Phase: map[string][]byte{path: []byte(shipped), "koans/01_p/helpers_test.go": []byte(typedHelpers)}}
	// TestH resets a helper's recorder; TestI is tampered syntactically
	// and does not type-check, so the file as submitted has no types.
	block := "require.NoError(t, db.Find(&found).Error)"
	sub := strings.Replace(shipped, block, block+"\n\tqueries.Reset()", 1)
	i := strings.Index(sub, "// TestI")
	sub = sub[:i] + strings.Replace(sub[i:], block, block+"\n\tprintln(undefined)", 1)
	got := CheckTyped(path, []byte(shipped), []byte(sub), []string{"TestH", "TestI"}, map[string]bool{"members": true}, ty)
	assert.NotEmpty(t, got.Tampered["TestI"])
	if assert.NotEmpty(t, got.Tampered["TestH"]) {
		assert.Contains(t, got.Tampered["TestH"][0], "recorder queries")
	}
	assert.Equal(t, strings.Fields(shipped), strings.Fields(string(got.Graded)))
}

// Type-checking folds constants in the grader's own memory: a koan whose
// constants double without end is tampered before any type is checked
// (its build would only fail), and its neighbours are still typed.
func TestConstantsThatGrowWithoutEndAreNotFolded(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("const s0 = \"0123456789abcdef\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&bomb, "\tconst s%d = s%d + s%d\n", i, i-1, i-1)
	}
	bomb.WriteString("\tvar found []fixtures.Author\n\trequire.NoError(t, db.Find(&found).Error)\n\t_ = len(s40)")
	sub := strings.Replace(typedShipped, "var found []fixtures.Author\n\trequire.NoError(t, db.Find(&found).Error)", bomb.String(), 1)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := typedCheck(t, sub)
	runtime.ReadMemStats(&after)
	if assert.NotEmpty(t, got.Tampered["TestH"]) {
		assert.Contains(t, got.Tampered["TestH"][0], "constants grow past")
	}
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(256<<20), "the constants were never folded")
}

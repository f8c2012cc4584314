package tamper

import (
	"go/ast"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// shipped is a koan file as generated: one blank of each kind, one ✎ block.
const shipped = `package p

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// TestK: a koan.
func TestK(t *testing.T) {
	db, queries := fixtures.Library(t)
	var authors []fixtures.Author
	// ✎ load them
	require.NoError(t, db.Find(&authors).Error)
	// ✎ end
	assert.Len(t, authors, __) // how many?
	assert.Equal(t, ___, queries.Last().SQL)
	require.NoError(t, db.Transaction(func(tx *gorm.DB) error { return nil }))
}

// TestL: another koan in the same file.
func TestL(t *testing.T) {
	assert.Equal(t, __, 2)
}

// TestM: a block inside a loop.
func TestM(t *testing.T) {
	for i := 0; i < 1; i++ {
		// ✎ use i
		_ = i
		// ✎ end
		assert.Equal(t, __, i)
	}
	require.NoError(t, db0().Transaction(func(tx *gorm.DB) error {
		// ✎ return early
		_ = tx
		// ✎ end
		return nil
	}))
}

func helper() int { return 1 }

func db0() *gorm.DB { return nil }
`

var pkg = map[string]bool{"__": true, "___": true, "Loan": true}

func check(sub string) File {
	return Check("koans/01_p/k_test.go", []byte(shipped), []byte(sub), []string{"TestK", "TestL", "TestM"}, pkg)
}

func TestRules(t *testing.T) {
	block := "require.NoError(t, db.Find(&authors).Error)"
	for _, tc := range []struct {
		name, old, new string
		want           string // a part of TestK's first reason; "" for honest code
	}{
		{"as shipped", "", "", ""},
		{"a number", "authors, __)", "authors, 5)", ""},
		{"a conversion and a composite literal", "___, queries", "string([]byte{'x'}), queries", ""},
		{"a package constant", "___, queries", "gorm.ErrRecordNotFound.Error(), queries", "it calls gorm.ErrRecordNotFound.Error"},
		{"another GORM call in the block", block, `require.NoError(t, db.Where("id > ?", 0).Order("id").Find(&authors).Error)`, ""},
		{"locals, a local type and a function literal", block, "type row struct{ ID uint }\n\tvar rows []row\n\tfind := func() *gorm.DB { return db.Find(&authors) }\n\trequire.NoError(t, find().Error)\n\t_ = rows", ""},
		{"the phase's own type", block, "var l Loan\n\t_ = l\n\t" + block, ""},
		{"a blank reading a local", "authors, __)", "authors, len(authors))", "a blank may hold only a value"},
		{"a blank naming a local", "authors, __)", "authors, authors)", "it names authors"},
		{"a blank calling a function", "authors, __)", "authors, helper())", "it calls helper"},
		{"a name not in scope", block, "require.NoError(t, other.Find(&authors).Error)", "uses other, which is not in scope"},
		{"print", block, block + "\n\tprintln(\"--- PASS\")", "println"},
		{"recover", block, "defer func() { _ = recover() }()\n\t" + block, "recover"},
		{"go", block, "go func() {}()\n\t" + block, "go statement"},
		{"goto", block, "goto end\nend:\n\t" + block, "label"},
		{"return", block, "return", "returns from the koan itself"},
		{"return inside a transaction's body", "\t\t_ = tx\n", "\t\tif tx != nil {\n\t\t\treturn nil\n\t\t}\n", ""},
		{"t assigned", block, "t = nil\n\t" + block, "uses the koan's t"},
		{"t shadowed", block, "t := new(testing.T)\n\t" + block, "declares t"},
		{"a loop variable shadowed", "\t\t_ = i\n", "\t\ti := 5\n\t\t_ = i\n", "hides the i"},
		{"the recorder", block, "queries.Reset()\n\t" + block, "recorder queries"},
		{"a second database", block, "db2, _ := fixtures.Library(t)\n\trequire.NoError(t, db2.Find(&authors).Error)", "opens a database of its own"},
		{"assert shadowed", block, "assert := struct{ Len, Equal func(...any) bool }{}\n\t" + block, "declares assert"},
		{"an error reused", block, "result := db.Find(&authors)\n\trequire.NoError(t, result.Error)", ""},
		{"a control character", block, "t.Log(\"\\x1b[2J\")\n\t" + block, "control character U+001B"},
		{"a bracket closed", "\t\t_ = i\n", "\t}\n\tfor false {\n", "closes a bracket it did not open"},
		{"an import added", `"testing"`, "\"os\"\n\t\"testing\"", `the import "os" was added`},
		{"an import renamed", `"gorm.io/gorm"`, `g "gorm.io/gorm"`, `the import "gorm.io/gorm" was added or renamed`},
		{"a directive", "// TestK: a koan.", "//go:linkname x runtime.x\n// TestK: a koan.", "compiler directive"},
		{"a build constraint", "package p", "//go:build never\n\npackage p", "compiler directive"},
		{"an old build constraint", "package p", "// +build never\n\npackage p", "compiler directive"},
		{"an old build constraint, no space", "package p", "//+build ignore\n\npackage p", "compiler directive"},
		{"a helper changed", "return 1", "return 2", "changed outside its koans"},
		{"an init added", "func helper()", "func init() {}\n\nfunc helper()", "changed outside its koans"},
		{"an assertion deleted", "\tassert.Equal(t, ___, queries.Last().SQL)\n", "", "changed outside its blanks"},
		{"the block's end removed", "\t// ✎ end\n", "", "end line"},
		{"the koan deleted", "func TestK(", "func testK(", "changed outside its koans"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := shipped
			if tc.old != "" {
				assert.Contains(t, shipped, tc.old)
				sub = strings.Replace(shipped, tc.old, tc.new, 1)
			}
			got := check(sub)
			if tc.want == "" {
				assert.Empty(t, got.Tampered)
				assert.Equal(t, sub, string(got.Graded), "honest code is graded as written")
				return
			}
			koan := "TestK"
			if strings.Contains(tc.old, "_ = i") || strings.Contains(tc.old, "_ = tx") {
				koan = "TestM"
			}
			if assert.NotEmpty(t, got.Tampered[koan], "%s must be tampered", koan) {
				assert.Contains(t, got.Tampered[koan][0], tc.want)
				assert.True(t, strings.HasPrefix(got.Tampered[koan][0], "koans/01_p/k_test.go:"), "a reason names file:line: %s", got.Tampered[koan][0])
			}
			assert.Equal(t, strings.Fields(shipped), strings.Fields(string(got.Graded)), "tampered code is never graded: the koan is put back as shipped")
		})
	}
}

func TestATamperedKoanLeavesItsNeighbourAlone(t *testing.T) {
	sub := strings.Replace(shipped, "assert.Equal(t, __, 2)", "assert.Equal(t, 2, 2)", 1)
	sub = strings.Replace(sub, "return nil }))", "return nil }))\n\tt.Skip()", 1)
	got := check(sub)
	assert.Empty(t, got.Tampered["TestL"])
	assert.Contains(t, got.Tampered["TestK"][0], "changed outside its blanks")
	assert.Contains(t, string(got.Graded), "assert.Equal(t, 2, 2)", "TestL is graded as the learner wrote it")
	assert.NotContains(t, string(got.Graded), "t.Skip()", "TestK is put back as shipped")
	assert.Equal(t, strings.Count(sub, "\n"), strings.Count(string(got.Graded), "\n"), "the koans below keep their lines")
}

func TestAFileThatDoesNotParseIsNotTampering(t *testing.T) {
	sub := strings.Replace(shipped, "authors, __)", "authors, (", 1)
	got := check(sub)
	assert.Empty(t, got.Tampered, "a learner mid-edit: the phase fails to compile, which costs the points anyway")
	assert.Equal(t, sub, string(got.Graded))
}

func TestImportNames(t *testing.T) {
	for path, want := range map[string]string{
		`"github.com/go-gormigrate/gormigrate/v2"`: "gormigrate",
		`"gopkg.in/yaml.v3"`:                       "yaml",
		`"gorm.io/gorm/clause"`:                    "clause",
		`"database/sql/driver"`:                    "driver",
	} {
		assert.Equal(t, want, importName(&ast.ImportSpec{Path: &ast.BasicLit{Value: path}}), path)
	}
}

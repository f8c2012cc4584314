package grade

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The attack corpus: what a determined learner tried against grading, by
// class (the classes of issue #12). Each attack is a submission of the
// arena; the koans it attacks must earn nothing, and the honest koans of the
// same submission keep their points.
type attack struct {
	name  string
	edit  func(t *testing.T, f files)
	zero  []string // koans that must score 0
	extra []string // files under koans/ the gradebook must name
}

const loopThreeAuthors = `for id := 1; id <= 3; id++ {
		var a fixtures.Author
		require.NoError(t, db.First(&a, id).Error)
		authors = append(authors, a)
	}`

const oneQuery = `require.NoError(t, db.Find(&authors, []int{1, 2, 3}).Error)`

// fakeTestify is a module whose assertions always pass.
var fakeTestify = files{
	"fake/go.mod":             "module github.com/stretchr/testify\n\ngo 1.26\n",
	"fake/assert/assert.go":   "package assert\n\nfunc Equal(...any) bool { return true }\nfunc Len(...any) bool { return true }\n",
	"fake/require/require.go": "package require\n\nfunc NoError(...any) {}\n",
}

var attacks = []attack{
	// 1. Verdicts read from output the koan's code can write.
	{name: "output/forged PASS lines", zero: []string{"TestValue", "TestBlock"}, edit: func(t *testing.T, f files) {
		unsolveValue(t, f)
		f.edit(t, arenaFile, oneQuery, loopThreeAuthors+"\n\tt.Log(\"--- PASS: TestValue (0.00s)\")\n\tt.Log(\"ok   github.com/gorm-koans/gorm-koans/koans/01_arena 0.01s\")")
	}},
	{name: "output/forged test2json events", zero: []string{"TestValue"}, edit: func(t *testing.T, f files) {
		unsolveValue(t, f)
		// Printing is allowed; it just never decides a verdict.
		f.edit(t, arenaFile, "return tx.Create(", `t.Logf("%s", "{\"Action\":\"pass\",\"Package\":\"github.com/gorm-koans/gorm-koans/koans/01_arena\",\"Test\":\"TestValue\"}")
		return tx.Create(`)
	}},
	{name: "output/framing byte in a literal", zero: []string{"TestValue", "TestBlock"}, edit: func(t *testing.T, f files) {
		unsolveValue(t, f)
		f.edit(t, arenaFile, oneQuery, loopThreeAuthors+"\n\tt.Log(\"\\x16--- PASS: TestValue (0.00s)\")")
	}},
	{name: "output/a panic that prints a pass event", zero: []string{"TestValue", "TestFirst"}, edit: func(t *testing.T, f files) {
		unsolveValue(t, f)
		f.edit(t, otherFile, "require.NoError(t, db.First(&a).Error)", `db.First(&a)
	panic("{\"Action\":\"pass\",\"Test\":\"TestValue\"}")`)
	}},

	// 2. Files other than koan files.
	{name: "files/go.work replaces testify", zero: []string{"TestValue"}, edit: func(t *testing.T, f files) {
		unsolveValue(t, f)
		for p, src := range fakeTestify {
			f[p] = src
		}
		f["go.work"] = "go 1.26.0\n\nuse .\n\nreplace github.com/stretchr/testify => ./fake\n"
	}},
	{name: "files/go.mod replace and a vendor directory", zero: []string{"TestValue"}, edit: func(t *testing.T, f files) {
		unsolveValue(t, f)
		for p, src := range fakeTestify {
			f[p] = src
			f["vendor/github.com/stretchr/testify/"+p[len("fake/"):]] = src
		}
		f["go.mod"] += "\nreplace github.com/stretchr/testify => ./fake\n"
	}},
	{name: "files/fixtures make a blank equal 1", zero: []string{"TestValue"}, edit: func(t *testing.T, f files) {
		unsolveValue(t, f)
		f.edit(t, "fixtures/models.go", "var Blank any = blank{}", "var Blank any = 1")
	}},
	{name: "files/an object file and an init in the phase", zero: []string{"TestValue"},
		extra: []string{"koans/01_arena/evil.syso", "koans/01_arena/zz_init_test.go"},
		edit: func(t *testing.T, f files) {
			unsolveValue(t, f)
			f["koans/01_arena/evil.syso"] = "not an object file: building it would fail the phase"
			f["koans/01_arena/zz_init_test.go"] = "package arena\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { m.Run(); os.Exit(0) }\n"
		}},

	{name: "files/a koan file deleted", zero: []string{"TestText", "TestOther", "TestFirst"}, edit: func(t *testing.T, f files) {
		delete(f, otherFile)
	}},

	// 3. What a deny-list misses: the allow-list must not.
	{name: "allow-list/a local assert shadows the real one", zero: []string{"TestBlock"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, oneQuery, loopThreeAuthors+`
	assert := struct{ Len, Equal func(...any) bool }{func(...any) bool { return true }, func(...any) bool { return true }}`)
	}},
	{name: "allow-list/io/ioutil writes a file", zero: []string{"TestValue", "TestBlock", "TestTransaction"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, "\t\"testing\"\n", "\t\"io/ioutil\"\n\t\"testing\"\n")
		f.edit(t, arenaFile, oneQuery, oneQuery+"\n\t_ = ioutil.WriteFile(\"/tmp/pwned\", nil, 0o644)")
	}},
	{name: "allow-list/a linkname directive", zero: []string{"TestText", "TestOther", "TestFirst"}, edit: func(t *testing.T, f files) {
		f.edit(t, otherFile, "// TestText:", "//go:linkname x runtime.x\n\n// TestText:")
	}},
	{name: "allow-list/a blank reads the recorder", zero: []string{"TestValue"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, "assert.Equal(t /*__*/, 1, queries.Count", "assert.Equal(t, queries.Count(\"SELECT\"), queries.Count")
	}},
	{name: "allow-list/a blank compares the koan's own values", zero: []string{"TestOther"}, edit: func(t *testing.T, f files) {
		f.edit(t, otherFile, "assert.Equal(t /*__*/, true, n > 0)", "assert.Equal(t, n > 0, n > 0)")
	}},
	{name: "allow-list/a blank calls a function literal", zero: []string{"TestValue"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, "assert.Equal(t /*__*/, 1, queries.Count", "assert.Equal(t, func() int { queries.Reset(); return 0 }(), queries.Count")
	}},
	{name: "allow-list/t replaced by a fresh one", zero: []string{"TestBlock"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, oneQuery, loopThreeAuthors+"\n\tt = new(testing.T)")
	}},
	{name: "allow-list/the recorder reset", zero: []string{"TestBlock"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, oneQuery, loopThreeAuthors+"\n\tqueries.Reset()\n\tdb.First(&fixtures.Author{})")
	}},
	{name: "allow-list/a second database the recorder does not see", zero: []string{"TestBlock"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, oneQuery, "other, _ := fixtures.Library(t)\n\tfor id := 1; id <= 3; id++ {\n\t\tvar a fixtures.Author\n\t\trequire.NoError(t, other.First(&a, id).Error)\n\t\tauthors = append(authors, a)\n\t}\n\tdb.Find(&[]fixtures.Author{})")
	}},
	{name: "allow-list/recover swallows the failure", zero: []string{"TestFirst"}, edit: func(t *testing.T, f files) {
		f.edit(t, otherFile, "require.NoError(t, db.First(&a).Error)", "defer func() { recover() }()\n\ta.ID = 1")
	}},
	{name: "allow-list/a goroutine and a return", zero: []string{"TestBlock", "TestFirst"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, oneQuery, "go func() {}()\n\t"+oneQuery)
		f.edit(t, otherFile, "require.NoError(t, db.First(&a).Error)", "return")
	}},

	// 4. A check made after the run: code that runs can put files back.
	{name: "order/an extra file restores the koan", zero: []string{"TestValue"}, extra: []string{"koans/01_arena/restore_test.go"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, "assert.Equal(t /*__*/, 1, queries.Count(\"SELECT\")) // how many SELECTs?", "")
		f["koans/01_arena/restore_test.go"] = "package arena\n\nimport \"os\"\n\nfunc init() { _ = os.WriteFile(\"arena_test.go\", []byte(\"shipped\"), 0o644) }\n"
	}},
	{name: "order/a block restores the koan", zero: []string{"TestValue", "TestBlock", "TestTransaction"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, "assert.Equal(t /*__*/, 1, queries.Count(\"SELECT\")) // how many SELECTs?", "")
		f.edit(t, arenaFile, "\t\"testing\"\n", "\t\"os\"\n\t\"testing\"\n")
		f.edit(t, arenaFile, oneQuery, oneQuery+"\n\t_ = os.WriteFile(\"arena_test.go\", nil, 0o644)")
	}},

	// 7. Loops cost their own koan, not their phase.
	{name: "time/three loops in one phase", zero: []string{"TestBlock", "TestTransaction", "TestFirst"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, oneQuery, "for db != nil {\n\t}")
		f.edit(t, arenaFile, "return tx.Create(&fixtures.Author{Name: \"New\"}).Error", "for {\n\t\t}")
		f.edit(t, otherFile, "require.NoError(t, db.First(&a).Error)", "for db != nil {\n\t}")
	}},
	{name: "time/a query waiting for the connection the koan holds", zero: []string{"TestTransaction"}, edit: func(t *testing.T, f files) {
		f.edit(t, arenaFile, "err := db.Transaction(func(tx *gorm.DB) error {\n\t\treturn tx.Create(&fixtures.Author{Name: \"New\"}).Error\n\t})",
			"var tx *gorm.DB = db.Begin()\n\terr := db.Create(&fixtures.Author{Name: \"New\"}).Error\n\t_ = tx")
	}},
}

func TestAttacksEarnNothing(t *testing.T) {
	t.Parallel()
	root := arena(t)
	subs := map[string]files{}
	for _, a := range attacks {
		f := solved(t, root)
		a.edit(t, f)
		subs[a.name] = f
	}
	subs["honest"] = solved(t, root)
	got := gradeAll(t, root, subs, 3*time.Second, nil)
	expect(t, "honest", got["honest"])
	for _, a := range attacks {
		expect(t, a.name, got[a.name], a.zero...)
	}
}

func TestGradingReadsOnlyKoanFilesAndNamesTheRest(t *testing.T) {
	root := arena(t)
	for _, a := range attacks {
		if a.extra == nil {
			continue
		}
		f := solved(t, root)
		a.edit(t, f)
		dir := filepath.Join(t.TempDir(), "sub")
		f.write(t, dir)
		orig, cat := load(t, root)
		tree := Lay(orig, cat, os.DirFS(dir))
		assert.Equal(t, a.extra, tree.Extra, a.name)
	}
	f := solved(t, root)
	delete(f, otherFile)
	dir := filepath.Join(t.TempDir(), "sub")
	f.write(t, dir)
	orig, cat := load(t, root)
	assert.Equal(t, []string{otherFile}, Lay(orig, cat, os.DirFS(dir)).Missing)

	// A koan file that links elsewhere is not read: it counts as missing.
	secret := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.WriteFile(secret, []byte("a token"), 0o600))
	require.NoError(t, os.Symlink(secret, filepath.Join(dir, filepath.FromSlash(otherFile))))
	tree := Lay(orig, cat, os.DirFS(dir))
	assert.Equal(t, []string{otherFile}, tree.Missing)
	assert.NotContains(t, string(tree.Files[otherFile]), "a token")
}

func TestTheSubmissionIsNeverWritten(t *testing.T) {
	t.Parallel()
	root := arena(t)
	f := solved(t, root)
	for _, a := range attacks {
		if a.name == "order/a block restores the koan" {
			a.edit(t, f)
		}
	}
	dir := filepath.Join(t.TempDir(), "sub")
	f.write(t, dir)
	before, err := os.ReadFile(filepath.Join(dir, arenaFile))
	require.NoError(t, err)
	orig, cat := load(t, root)
	g := New(orig, cat)
	defer g.Close()
	s := g.Grade(t.Context(), dir)
	require.NoError(t, s.Err)
	after, err := os.ReadFile(filepath.Join(dir, arenaFile))
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
}

// helperKoan is a phase whose koan gets its database and recorder from a
// helper of the phase, as members(t) and drafts(t) give them.
const helperKoan = `package helper

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorm.io/gorm"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

func members(t *testing.T) (*gorm.DB, *fixtures.Recorder) { return fixtures.Library(t) }

// TestOneQuery: loads the authors in one query.
func TestOneQuery(t *testing.T) {
	db, queries := members(t)
	require.NotNil(t, db)
	var found []fixtures.Author
	// ✎ load the authors in one query
	//koan: _ = db
	require.NoError(t, db.Find(&found).Error)
	// ✎ end
	assert.Len(t, found, 9)
	assert.Equal(t, 1, queries.Count("SELECT"))
}
`

// End to end, with the types grading reads from the koans' imports: a
// recorder from a phase's helper reset after a dodge earns nothing, and
// the honest answer its point.
func TestAHelpersRecorderIsStillTheRecorder(t *testing.T) {
	t.Parallel()
	root := onePhase(t, "helper", helperKoan)
	honest := filepath.Join(t.TempDir(), "honest")
	require.NoError(t, os.CopyFS(filepath.Join(honest, "koans"), os.DirFS(filepath.Join(root, "solutions"))))
	dodge := filepath.Join(t.TempDir(), "dodge")
	require.NoError(t, os.CopyFS(filepath.Join(dodge, "koans"), os.DirFS(filepath.Join(root, "solutions"))))
	file := filepath.Join(dodge, "koans", "01_helper", "helper_test.go")
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	loop := "for id := 1; id <= 9; id++ {\n\t\tvar a fixtures.Author\n\t\trequire.NoError(t, db.First(&a, id).Error)\n\t\tfound = append(found, a)\n\t}\n\tqueries.Reset()\n\tdb.Find(&[]fixtures.Author{})"
	src := strings.Replace(string(raw), "require.NoError(t, db.Find(&found).Error)", loop, 1)
	require.NotEqual(t, string(raw), src)
	require.NoError(t, os.WriteFile(file, []byte(src), 0o644))

	orig, cat := load(t, root)
	g := New(orig, cat)
	defer g.Close()
	subs := g.Many(t.Context(), []string{honest, dodge}, 2, nil)
	require.NoError(t, subs[0].Err)
	require.NoError(t, subs[1].Err)
	assert.Equal(t, 1, subs[0].Sheet.Score, "honest")
	assert.Equal(t, 0, subs[1].Sheet.Score, "the dodge")
	if assert.Len(t, subs[1].Sheet.Koans, 1) {
		assert.Contains(t, strings.Join(subs[1].Sheet.Koans[0].Tampered, "\n"), "recorder queries")
	}
}

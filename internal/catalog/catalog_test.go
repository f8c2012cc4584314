package catalog

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadOrdersPhasesFilesAndKoans(t *testing.T) {
	cat, err := Load("testdata/checkout")
	require.NoError(t, err)
	var ids []string
	for _, k := range cat.Koans() {
		ids = append(ids, k.ID)
	}
	assert.Equal(t, []string{
		"01_first/TestFirst", "01_first/TestSecond", "01_first/TestLater",
		"02_second/TestNoDoc", "02_second/TestFirst",
	}, ids, "a file with a syntax error still lists its koans")

	p := cat.Phases[0]
	assert.Equal(t, "The first phase", p.Title)
	assert.Equal(t, "🟢", p.Badge)
	assert.Equal(t, 1, p.Number)
	assert.Equal(t, "02_second", cat.Phases[1].Title, "no README: the directory names it")
	assert.Equal(t, "Some bold words open it.", p.Idea, "the README's first sentence, without markup")
}

func TestKoanDocBlanksAndRegions(t *testing.T) {
	cat, err := Load("testdata/checkout")
	require.NoError(t, err)

	later, ok := cat.Koan("01_first/TestLater")
	require.True(t, ok)
	assert.Equal(t, "Sorted after a_test.go's koans.", later.Title)
	assert.Equal(t, "Sorted after a_test.go's koans. It has a second sentence.\n\nMore prompt.", later.Prompt)
	assert.Equal(t, "Look closely.", later.Hint)
	assert.Equal(t, "koans/01_first/b_test.go", later.File)
	assert.Equal(t, []Blank{{Line: 14, Column: 6, Comment: "what goes here?"}, {Line: 15, Column: 9}, {Line: 15, Column: 14}}, later.Blanks)
	assert.True(t, later.Unfinished())
	assert.Equal(t, "https://gorm.io/docs/query.html", later.Docs, "the Docs: line is its own, not the hint's")
	assert.True(t, later.SQLAfterFirstTry)
	b, ok := later.BlankOn(14)
	assert.True(t, ok)
	assert.Equal(t, "what goes here?", b.Comment)

	first, _ := cat.Koan("01_first/TestFirst")
	assert.Equal(t, []Region{{Start: 7, End: 9}}, first.Regions)
	assert.False(t, first.Unfinished())
	r, ok := first.RegionAround(10)
	assert.True(t, ok)
	assert.Equal(t, 7, r.Start)
	_, ok = first.RegionAround(6)
	assert.False(t, ok)
	assert.Empty(t, first.Hint)
	assert.Empty(t, first.Docs)
	assert.False(t, first.SQLAfterFirstTry)
}

func TestLookups(t *testing.T) {
	cat, err := Load("testdata/checkout")
	require.NoError(t, err)

	_, ok := cat.Koan("TestFirst")
	assert.False(t, ok, "a bare name two phases share is ambiguous")
	k, ok := cat.Koan("TestLater")
	assert.True(t, ok)
	assert.Equal(t, "01_first/TestLater", k.ID)
	_, ok = cat.Koan("01_first/TestNope")
	assert.False(t, ok)

	for _, name := range []string{"01_first", "1", "01"} {
		p, ok := cat.Phase(name)
		assert.True(t, ok, name)
		assert.Equal(t, "01_first", p.Dir)
	}
	_, ok = cat.Phase("3")
	assert.False(t, ok)

	at, ok := cat.Position("koans/01_first/a_test.go", 8)
	assert.True(t, ok)
	assert.Equal(t, "TestFirst", at.Name)
	_, ok = cat.Position("koans/01_first/a_test.go", 2)
	assert.False(t, ok)
}

func TestLoadOutsideACheckout(t *testing.T) {
	_, err := Load(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reading koans")
}

func TestPromptStartsWithACapitalUnlessItStartsWithCode(t *testing.T) {
	for doc, want := range map[string]string{
		"TestA: the model layer turns structs into rows.": "The model layer turns structs into rows.",
		"TestB: gorm.Open connects at once.":              "gorm.Open connects at once.",
		"TestC: db.First adds an ORDER BY.":               "db.First adds an ORDER BY.",
		"TestD: it's one query.\n\nHint: count.":          "It's one query.",
	} {
		name, _, _ := strings.Cut(doc, ":")
		prompt, _ := splitDoc(name, doc)
		assert.Equal(t, want, prompt, doc)
	}
	_, hint := splitDoc("TestE", "TestE: x.\n\nHint: count the SELECTs.")
	assert.Equal(t, "Count the SELECTs.", hint)
	_, hint = splitDoc("TestF", "TestF: x.\n\nHint: db.Session gives a fresh start.")
	assert.Equal(t, "db.Session gives a fresh start.", hint)
}

func TestAddMissingPutsShippedKoansInTheirPlaces(t *testing.T) {
	cat, err := Load("testdata/checkout")
	require.NoError(t, err)
	gone := "package first\n\n// TestGone: a koan whose file was deleted.\n//\n// Hint: reset it.\nfunc TestGone(t *testing.T) {}\n"
	require.NoError(t, cat.AddMissing(map[string][]byte{"koans/01_first/a_x_test.go": []byte(gone)}))
	var ids []string
	for _, k := range cat.Phases[0].Koans {
		ids = append(ids, k.ID)
	}
	assert.Equal(t, []string{"01_first/TestFirst", "01_first/TestSecond", "01_first/TestGone", "01_first/TestLater"}, ids, "between a_test.go's koans and b_test.go's")
	k, ok := cat.Koan("TestGone")
	require.True(t, ok)
	assert.True(t, k.Missing)
	assert.Equal(t, "A koan whose file was deleted.", k.Title)
	assert.Equal(t, []string{"koans/01_first/a_x_test.go"}, cat.Phases[0].Missing)
}

// A koan about one database says so on a Database: line; On sets it aside
// on the other database, listed but not part of the path.
func TestOnSetsAsideKoansAboutAnotherDatabase(t *testing.T) {
	src := []byte(`package p

// TestEverywhere runs on every database.
func TestEverywhere(t *testing.T) {}

// TestReturning is about PostgreSQL.
//
// Database: postgres
// Docs: https://gorm.io/docs/create.html
func TestReturning(t *testing.T) {}
`)
	p := &Phase{Dir: "04_session"}
	koans, _, err := parseFile("koans/04_session/a_test.go", src, p)
	require.NoError(t, err)
	p.Koans = koans
	cat := &Catalog{Phases: []*Phase{p}}
	require.Equal(t, []string{"postgres"}, koans[1].Databases)
	assert.NotContains(t, koans[1].Prompt, "Database:", "the line is not part of the prompt")

	cat.On("sqlite")
	assert.Equal(t, []*Koan{koans[0]}, p.Koans)
	assert.Equal(t, []*Koan{koans[1]}, p.Skipped)
	_, found := cat.Koan("TestReturning")
	assert.False(t, found, "a skipped koan is not on the path")
}

// A file with a syntax error loses koans to the parser: KeepShipped puts
// the shipped ones back in their order, keeping what was still read.
func TestKeepShippedKeepsTheKoansOfAFileThatDoesNotParse(t *testing.T) {
	shipped := []byte("package p\n\n// TestOne: one.\nfunc TestOne(t *testing.T) {}\n\n// TestTwo: two.\nfunc TestTwo(t *testing.T) {}\n\n// TestThree: three.\nfunc TestThree(t *testing.T) {}\n")
	broken := []byte("package p\n\n// TestOne: one.\nfunc TestOne(t *testing.T) {\n\tx := \n}\n\n// TestTwo: two.\nfunc TestTwo(t *testing.T) {}\n\n// TestThree: three.\nfunc TestThree(t *testing.T) {}\n")
	p := &Phase{Dir: "02_p"}
	koans, parsed, err := parseFile("koans/02_p/a_test.go", broken, p)
	require.NoError(t, err)
	require.False(t, parsed)
	require.Less(t, len(koans), 3, "the parser lost koans after the error: what this guards against")
	p.Koans, p.Unparsed = koans, []string{"koans/02_p/a_test.go"}
	cat := &Catalog{Phases: []*Phase{p}}
	require.NoError(t, cat.KeepShipped("koans/02_p/a_test.go", shipped))
	var names []string
	for _, k := range p.Koans {
		names = append(names, k.Name)
	}
	assert.Equal(t, []string{"TestOne", "TestTwo", "TestThree"}, names)
	assert.Equal(t, 4, p.Koans[0].Line, "what the parser read is kept")
}

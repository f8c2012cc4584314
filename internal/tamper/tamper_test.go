package tamper

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tree reads a directory into a MapFS a test can change.
func tree(t *testing.T, root string, skip func(string) bool) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || skip(p)) {
				return fs.SkipDir
			}
			return nil
		}
		raw, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			return err
		}
		m[p] = &fstest.MapFile{Data: raw}
		return nil
	}))
	return m
}

// solvedSubmission is the repository with every koan replaced by its solution:
// what a learner who solved everything by the rules hands in.
func solvedSubmission(t *testing.T, repo fstest.MapFS) fstest.MapFS {
	sub := fstest.MapFS{}
	for p, f := range repo {
		if strings.HasPrefix(p, "koans/") && strings.HasSuffix(p, ".go") {
			continue
		}
		sub[p] = f
		if rest, ok := strings.CutPrefix(p, "solutions/"); ok {
			sub["koans/"+rest] = f
		}
	}
	return sub
}

func repoTree(t *testing.T) fstest.MapFS {
	return tree(t, filepath.Join("..", ".."), func(p string) bool {
		return p == "internal" || p == "cmd" || p == "docs"
	})
}

func TestSolvingByTheRulesIsNotTampering(t *testing.T) {
	repo := repoTree(t)
	orig, err := Load(repo)
	require.NoError(t, err)
	cat, cleanup, err := orig.Catalog()
	require.NoError(t, err)
	defer cleanup()

	assert.Empty(t, Check(orig, repo, cat.Koans()), "the shipped koans themselves")
	assert.Empty(t, Check(orig, solvedSubmission(t, repo), cat.Koans()), "every solution, as a submission")
}

func TestTampering(t *testing.T) {
	repo := repoTree(t)
	orig, err := Load(repo)
	require.NoError(t, err)
	cat, cleanup, err := orig.Catalog()
	require.NoError(t, err)
	defer cleanup()
	first := cat.Koans()[0]
	file := first.File

	edit := func(sub fstest.MapFS, p, old, new string) {
		t.Helper()
		src := string(sub[p].Data)
		require.Contains(t, src, old)
		sub[p] = &fstest.MapFile{Data: []byte(strings.Replace(src, old, new, 1))}
	}
	for _, tc := range []struct {
		name   string
		change func(sub fstest.MapFS, orig Originals)
		want   string
		all    bool // every koan is tampered, not just the first
	}{
		{"an assertion deleted", func(sub fstest.MapFS, orig Originals) {
			edit(sub, file, "assert.", "_ = assert.")
		}, "was changed outside its blanks", false},
		{"a skip added", func(sub fstest.MapFS, orig Originals) {
			edit(sub, file, "(t *testing.T) {", "(t *testing.T) {\n\tt.Skip()")
		}, "outside its blanks", false},
		{"a blank filled with the actual value", func(sub fstest.MapFS, orig Originals) {
			edit(sub, file, "__", "len(x)")
		}, "a blank was filled with", false},
		{"the fixtures edited", func(sub fstest.MapFS, orig Originals) {
			edit(sub, "fixtures/recorder.go", "n := 0", "n := 1")
		}, "fixtures/recorder.go was changed", true},
		{"a helper file added", func(sub fstest.MapFS, orig Originals) {
			sub["koans/"+first.Phase.Dir+"/zz_test.go"] = &fstest.MapFile{Data: []byte("package x\n")}
		}, "has files that were not shipped: zz_test.go", false},
		{"go.mod replacing testify", func(sub fstest.MapFS, orig Originals) {
			sub["go.mod"] = &fstest.MapFile{Data: append(append([]byte(nil), sub["go.mod"].Data...), "\nreplace github.com/stretchr/testify => ./fake\n"...)}
		}, "go.mod was changed", true},
		{"the blanks redefined", func(sub fstest.MapFS, orig Originals) {
			edit(sub, "koans/"+first.Phase.Dir+"/blanks_test.go", "fixtures.Blank", "3")
		}, "blanks_test.go was changed", false},
		{"a phase's helper file edited", func(sub fstest.MapFS, orig Originals) {
			sub["koans/"+first.Phase.Dir+"/zz_helpers_test.go"] = &fstest.MapFile{Data: []byte("package x\n\nfunc always() bool { return true }\n")}
			orig["koans/"+first.Phase.Dir+"/zz_helpers_test.go"] = []byte("package x\n\nfunc always() bool { return false }\n")
		}, "zz_helpers_test.go was changed", false},
		{"a koan deleted", func(sub fstest.MapFS, orig Originals) {
			edit(sub, file, "func "+first.Name+"(", "func Renamed"+first.Name+"(")
		}, "was deleted", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := fstest.MapFS{}
			for p, f := range repo {
				sub[p] = f
			}
			o := maps.Clone(orig)
			tc.change(sub, o)
			found := Check(o, sub, cat.Koans())
			require.NotEmpty(t, found[first.ID], "not caught")
			assert.Contains(t, strings.Join(found[first.ID], "\n"), tc.want)
			if tc.all {
				assert.Len(t, found, len(cat.Koans()))
			}
		})
	}
}

func TestUnsafeCode(t *testing.T) {
	for _, tc := range []struct {
		code  string
		block bool
		want  string
	}{
		{`3`, false, ""},
		{`int64(3)`, false, ""},
		{`[]string{"a", "b"}`, false, ""},
		{`gorm.ErrRecordNotFound`, false, ""},
		{`"SELECT"`, false, ""},
		{`queries.Count("SELECT")`, false, "the koan's queries"},
		{`x.Count("SELECT")`, false, "a call to Count"},
		{`func() int { return 3 }()`, false, "a function literal"},
		{`t.Name()`, false, "the koan's t"},
		{`queries.Len() + 0`, false, "the koan's queries"},
		{`db.Preload("Books").Find(&authors)`, true, ""},
		{`return`, true, "return"},
		{`require.NoError(t, db.Transaction(func(tx *gorm.DB) error { return tx.Create(&a).Error }))`, true, ""},
		{`db.Transaction(func(tx *gorm.DB) error { return nil }); return`, true, "return"},
		{`func() { return 3 }()`, false, "a function literal"},
		{`t.Skip()`, true, "t.Skip"},
		{`os.Exit(0)`, true, "package os"},
		{`fmt.Println("--- PASS: TestX")`, true, "package fmt"},
		{`queries = nil`, true, "an assignment to queries"},
		{`x, t := 1, nil`, true, "an assignment to t"},
		{`require.NoError(t, db.First(&a, id).Error)`, true, ""},
		{`db = db.Session(&gorm.Session{})`, true, ""},
		{`defer func() { recover() }()`, true, "recover"},
	} {
		got := unsafeCode(tokens([]byte(tc.code)), tc.block)
		assert.Equal(t, tc.want, got, tc.code)
	}
}

package strip

import (
	"go/format"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKoan(t *testing.T) {
	tests := []struct {
		name     string
		solution string
		koan     string
	}{
		{
			name:     "value blank",
			solution: "assert.Equal(t, /*__*/ 3, q.Count(\"SELECT\"))",
			koan:     "assert.Equal(t, __, q.Count(\"SELECT\"))",
		},
		{
			name:     "expression with calls and operators",
			solution: "assert.Equal(t, /*__*/ a.Name == f(b, c)[0], true)",
			koan:     "assert.Equal(t, __, true)",
		},
		{
			name:     "marker moved before the comma by gofmt",
			solution: "assert.Equal(t /*__*/, 3, q.Count(\"SELECT\"))",
			koan:     "assert.Equal(t, __, q.Count(\"SELECT\"))",
		},
		{
			name:     "text blank",
			solution: "db.Table(/*___*/ \"books\").Count(&n)",
			koan:     "db.Table(___).Count(&n)",
		},
		{
			name:     "blank at end of statement",
			solution: "x := /*__*/ []int{1, 2}\n_ = x",
			koan:     "x := __\n_ = x",
		},
		{
			name:     "composite literal value",
			solution: "_ = T{Name: /*___*/ \"a\", Year: /*__*/ 1}",
			koan:     "_ = T{Name: ___, Year: __}",
		},
		{
			name: "region",
			solution: "// ✎ change only this block\n" +
				"//koan: db.Find(&a)\n" +
				"//koan: for range a {\n" +
				"//koan: \tdb.Find(&b)\n" +
				"//koan: }\n" +
				"db.Preload(\"Books\").Find(&a)\n" +
				"// ✎ end\n" +
				"check()",
			koan: "// ✎ change only this block\n" +
				"db.Find(&a)\n" +
				"for range a {\n" +
				"\tdb.Find(&b)\n" +
				"}\n" +
				"// ✎ end\n" +
				"check()",
		},
		{
			name: "dodges are the authors' only",
			solution: "// ✎ change only this block\n" +
				"//koan: db.Find(&a)\n" +
				"//dodge loop: db.Find(&a)\n" +
				"//dodge loop: for range a {\n" +
				"//dodge loop: \tdb.Find(&b)\n" +
				"//dodge loop: }\n" +
				"db.Preload(\"Books\").Find(&a)\n" +
				"// ✎ end",
			koan: "// ✎ change only this block\n" +
				"db.Find(&a)\n" +
				"// ✎ end",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Koan("x_test.go", wrap(tc.solution))
			require.NoError(t, err)
			want, err := format.Source(wrap(tc.koan))
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
}

func TestKoanErrors(t *testing.T) {
	tests := []struct{ name, solution, err string }{
		{"unclosed region", "// ✎ change only this block\nx()", "never closed"},
		{"stray end", "x()\n// ✎ end", "no block to close"},
		{"nested region", "// ✎ a\n// ✎ b\n// ✎ end", "opens inside"},
		{"empty answer", "f(/*__*/ )", "no answer"},
		{"unknown marker", "f(/*____*/ 1)", "unknown blank marker"},
		{"dodge outside a block", "//dodge raw-sql: db.Raw(q)", "outside a ✎ block"},
		{"dodge without a name", "// ✎ a\n//dodge: db.Raw(q)\n// ✎ end", "kebab-case"},
		{"dodge named in snake case", "// ✎ a\n//dodge raw_sql: db.Raw(q)\n// ✎ end", "kebab-case"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Koan("x_test.go", wrap(tc.solution))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
			assert.True(t, strings.HasPrefix(err.Error(), "x_test.go:"), err.Error())
		})
	}
}

func TestParseDodge(t *testing.T) {
	name, code, err := ParseDodge("\t//dodge filter-in-go: \tif b.Year > 2000 {")
	require.NoError(t, err)
	assert.Equal(t, "filter-in-go", name)
	assert.Equal(t, "\tif b.Year > 2000 {", code, "the code keeps its own indentation")
}

func wrap(body string) []byte {
	return []byte("package p\n\nfunc f() {\n" + body + "\n}\n")
}

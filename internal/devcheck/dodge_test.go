package devcheck

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

// A koan with two ✎ blocks: the dodge replaces the code of the block it is
// recorded in and leaves the other block solved.
const twoBlocks = `package p

import "testing"

func TestTwo(t *testing.T) {
	x := 0
	// ✎ first
	//koan: x = 0
	x = 1
	// ✎ end
	// ✎ second
	//koan: y := 0
	//dodge hard-coded: y := 2
	//dodge hard-coded: _ = fmt.Sprint(y)
	y := x + 1
	// ✎ end
	if y != 2 {
		t.Fatal(y)
	}
}
`

func TestDodgedFile(t *testing.T) {
	k := &catalog.Koan{Name: "TestTwo", Line: 5, EndLine: 20,
		Regions: []catalog.Region{{Start: 7, End: 10}, {Start: 11, End: 16}}}
	out, dodges, err := dodgedFile("p_test.go", []byte(twoBlocks), []*catalog.Koan{k})
	require.NoError(t, err)
	require.Len(t, dodges, 1)
	d := dodges[0]
	assert.Equal(t, "TestTwo_dodge_hard_coded", d.test)

	_, err = parser.ParseFile(token.NewFileSet(), "p_test.go", out, 0)
	require.NoError(t, err, string(out))
	lines := strings.Split(string(out), "\n")
	assert.Equal(t, `package p; import "fmt"`, lines[0], "fmt imported without moving a line")
	assert.Equal(t, strings.Split(twoBlocks, "\n")[1:20], lines[1:20], "the solution's own lines keep their numbers")

	copied := strings.Join(lines[d.from-1:d.from-1+len(d.origin)], "\n")
	assert.Contains(t, copied, "func TestTwo_dodge_hard_coded(t *testing.T) {")
	assert.Contains(t, copied, "\tx = 1\n", "the other block keeps its solution")
	assert.Contains(t, copied, "\t// ✎ second\n\ty := 2\n\t_ = fmt.Sprint(y)\n\t// ✎ end")
	assert.NotContains(t, copied, "y := x + 1")
	at := strings.Index(copied, "y := 2")
	assert.Equal(t, 13, d.origin[strings.Count(copied[:at], "\n")], "a dodge line maps back to its //dodge line")
}

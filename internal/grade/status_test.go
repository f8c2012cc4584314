package grade

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Statuses is the one ordered list of what a gradebook cell can show; the
// page's CSS, written by hand, must follow it: a colour for each status
// and a class for each status's letter (cellClass), in the list's order,
// and none for a status the list does not have. A status added on one
// side only would draw cells with no colour, or a legend with a gap.
func TestTheStatusListAndThePagesStylesAgree(t *testing.T) {
	start, end := strings.Index(pageSource, "<style>"), strings.Index(pageSource, "</style>")
	require.True(t, start >= 0 && end > start, "the page has its styles inline")
	css := pageSource[start:end]

	letters := make([]string, len(Statuses))
	taken := map[string]string{}
	for i, s := range Statuses {
		letters[i] = cellClass[s]
		require.NotEmpty(t, letters[i], "%s has no cell class", s)
		assert.Empty(t, taken[letters[i]], "%s's letter is %s's too", s, taken[letters[i]])
		taken[letters[i]] = s
	}
	assert.Len(t, cellClass, len(Statuses), "a cell class for a status not in the list")

	var colours []string
	for _, m := range regexp.MustCompile(`--([a-z_]+): #[0-9a-f]{6};`).FindAllStringSubmatch(css, -1) {
		colours = append(colours, m[1])
	}
	require.GreaterOrEqual(t, len(colours), len(Statuses))
	assert.Equal(t, Statuses, colours[:len(Statuses)], "the colours, first and in the list's order")

	var cells, named []string
	for _, m := range regexp.MustCompile(`\.([a-z]) \{ background: var\(--([a-z_]+)\); \}`).FindAllStringSubmatch(css, -1) {
		cells = append(cells, m[1])
		named = append(named, m[2])
	}
	assert.Equal(t, letters, cells, "a background for each status's letter, in the list's order")
	assert.Equal(t, Statuses, named, "each letter's background is its status's colour")

	sizing := regexp.MustCompile(`(?m)^((?:#students td\.[a-z], )*#students td\.[a-z]) \{ width: `).FindStringSubmatch(css)
	require.NotNil(t, sizing, "the heatmap cells' size rule")
	var sized []string
	for _, m := range regexp.MustCompile(`td\.([a-z])`).FindAllStringSubmatch(sizing[1], -1) {
		sized = append(sized, m[1])
	}
	assert.Equal(t, letters, sized, "every status's cell sized as a heatmap cell")
}

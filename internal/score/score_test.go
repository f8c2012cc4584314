package score

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

func TestComputeGivesPointsOnlyToUntamperedPasses(t *testing.T) {
	cat, err := catalog.Load("../catalog/testdata/checkout")
	require.NoError(t, err)
	koans := cat.Koans()
	require.GreaterOrEqual(t, len(koans), 3)
	a, b, c := koans[0], koans[1], koans[2]
	a.Points = 3

	sheet := Compute(cat, map[string]runner.Result{
		a.ID: {Status: runner.Pass},
		b.ID: {Status: runner.Pass},
		c.ID: {Status: runner.Fail, Message: "nope"},
	}, map[string][]string{b.ID: {"koans/x_test.go:3: changed outside its blanks"}})

	byID := map[string]Koan{}
	for _, k := range sheet.Koans {
		byID[k.Koan.ID] = k
	}
	assert.Equal(t, 3, byID[a.ID].Score, "a pass earns the koan's points")
	assert.Equal(t, "pass", byID[a.ID].Verdict())
	assert.Equal(t, 0, byID[b.ID].Score, "a tampered pass earns nothing")
	assert.Equal(t, Tampered, byID[b.ID].Verdict())
	assert.Equal(t, "tampered: koans/x_test.go:3: changed outside its blanks", byID[b.ID].Message)
	assert.Equal(t, runner.Pass, byID[b.ID].Status, "what the run said is kept beside the score")
	assert.Equal(t, "fail", byID[c.ID].Verdict())

	missing := koans[len(koans)-1]
	assert.Equal(t, "missing from the submission", byID[missing.ID].Message, "a koan with no result earns nothing")
	assert.Equal(t, 3, sheet.Score)
	assert.Equal(t, 1, sheet.Passed)
	assert.Equal(t, len(koans), sheet.Total)
	assert.Equal(t, len(koans)+2, sheet.Max, "points come from the originals")

	var phaseScore int
	for _, p := range sheet.Phases {
		phaseScore += p.Score
	}
	assert.Equal(t, sheet.Score, phaseScore, "phase subtotals add up")
}

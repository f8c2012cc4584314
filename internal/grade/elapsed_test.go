package grade

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A koan's run time, as go test -json timed it, reaches its verdict
// (JUnit's time): whether it passes or fails. The koans sleep, so their
// times have a floor; nothing here bounds how long anything may take.
func TestEachKoanHasItsRunTime(t *testing.T) {
	root := onePhase(t, "slow", `package slow

import (
	"testing"
	"time"
)

// TestSleepsAndPasses: passes after a while.
func TestSleepsAndPasses(t *testing.T) { time.Sleep(300 * time.Millisecond) }

// TestSleepsAndFails: fails after a while.
func TestSleepsAndFails(t *testing.T) {
	time.Sleep(200 * time.Millisecond)
	t.Fatal("no")
}
`)
	orig, cat := load(t, root)
	g := New(orig, cat)
	defer g.Close()
	s := g.Grade(t.Context(), root)
	require.NoError(t, s.Err)
	floor := map[string]time.Duration{"TestSleepsAndPasses": 300 * time.Millisecond, "TestSleepsAndFails": 200 * time.Millisecond}
	require.Len(t, s.Sheet.Koans, len(floor))
	for _, k := range s.Sheet.Koans {
		assert.GreaterOrEqual(t, k.Elapsed, floor[k.Koan.Name], "%s: %s", k.Koan.Name, k.Verdict())
	}
}

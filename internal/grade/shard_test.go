package grade

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	s, err := ParseShard("2/3")
	require.NoError(t, err)
	assert.Equal(t, Shard{Index: 2, Count: 3}, s)
	for _, bad := range []string{"0/3", "4/3", "3", "a/b", "1/0", ""} {
		_, err := ParseShard(bad)
		assert.ErrorContains(t, err, "i/n", bad)
	}
}

func TestMergedShardsAreTheWholeGradebook(t *testing.T) {
	cat := small()
	subs := class(cat, 30, 7)
	var names []string
	for _, s := range subs {
		names = append(names, s.Name)
	}
	var whole bytes.Buffer
	require.NoError(t, JSON(&whole, NewGradebook(cat, subs)))

	var shards []Gradebook
	held := map[string]int{}
	for i := 1; i <= 3; i++ {
		s := Shard{Index: i, Count: 3, Submissions: names}
		var mine []Submission
		for _, sub := range subs {
			if s.Holds(sub.Name) {
				mine = append(mine, sub)
				held[sub.Name]++
			}
		}
		assert.NotEmpty(t, mine, "shard %d has work", i)
		b := NewGradebook(cat, mine)
		b.Shard = &s
		// Through JSON, as the shards' artifacts are.
		var raw bytes.Buffer
		require.NoError(t, JSON(&raw, b))
		back, err := ReadGradebook(&raw, "shard")
		require.NoError(t, err)
		shards = append(shards, back)
	}
	for _, n := range names {
		assert.Equal(t, 1, held[n], "%s is in exactly one shard", n)
	}
	// In any order the shards come.
	merged, err := Merge([]Gradebook{shards[2], shards[0], shards[1]}, []string{"3", "1", "2"})
	require.NoError(t, err)
	var got bytes.Buffer
	require.NoError(t, JSON(&got, merged))
	assert.Equal(t, whole.String(), got.String(), "byte for byte")

	partial, err := Merge(shards[:2], []string{"1", "2"})
	require.NoError(t, err)
	require.Len(t, partial.Submissions, 30, "a shard not merged leaves its rows, not graded")
	missing := 0
	for _, r := range partial.Submissions {
		if r.Error != "" && r.MaxScore == 0 && len(r.Koans) == 0 {
			missing++
		}
	}
	assert.Positive(t, missing)

	other := small()
	other.Phases = other.Phases[:1]
	_, err = Merge([]Gradebook{shards[0], NewGradebook(other, nil)}, []string{"a.json", "b.json"})
	assert.ErrorContains(t, err, "other originals")
}

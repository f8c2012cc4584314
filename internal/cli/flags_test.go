package cli

import (
	"flag"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFlagsMayFollowTheArguments(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args  []string
		force bool
		rest  []string
	}{
		{[]string{"TestA", "--force"}, true, []string{"TestA"}},
		{[]string{"--force", "TestA"}, true, []string{"TestA"}},
		{[]string{"TestA", "TestB"}, false, []string{"TestA", "TestB"}},
		{[]string{"TestA", "--", "--force"}, false, []string{"TestA", "--force"}},
		{nil, false, nil},
	} {
		fs := flag.NewFlagSet("solution", flag.ContinueOnError)
		force := fs.Bool("force", false, "")
		rest, err := parseFlags(fs, tc.args)
		require.NoError(t, err, tc.args)
		assert.Equal(t, tc.force, *force, tc.args)
		assert.Equal(t, tc.rest, rest, tc.args)
	}
	fs := flag.NewFlagSet("solution", flag.ContinueOnError)
	fs.Bool("force", false, "")
	_, err := parseFlags(fs, []string{"TestA", "--bogus"})
	assert.ErrorContains(t, err, "unknown flag -bogus for solution (valid: --force)")
}

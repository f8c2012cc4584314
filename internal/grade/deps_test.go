package grade

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Grading must not depend on the authors' tools, nor on the learner's screens:
// what grades a submission is the pipeline and the originals, nothing else.
// (internal/strip is the generator of the originals, and fine.)
func TestGradingDoesNotImportTheAuthorsTools(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".", "../tamper", "../originals").CombinedOutput()
	require.NoError(t, err, string(out))
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"/internal/devcheck", "/internal/cli", "/internal/bench", "/internal/watch", "/internal/report"} {
			assert.False(t, strings.HasSuffix(dep, banned), "grading imports %s", dep)
		}
	}
}

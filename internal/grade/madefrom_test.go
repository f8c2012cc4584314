package grade

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/originals"
)

func TestASubmissionFromOtherOriginalsIsNotScoredAsTampering(t *testing.T) {
	t.Parallel()
	root := arena(t)
	orig, cat := load(t, root)
	g := New(orig, cat)
	t.Cleanup(func() { _ = g.Close() })
	base := t.TempDir()

	same := solved(t, root)
	same[originals.MadeFromFile] = orig.Hash() + "\n"
	same.write(t, filepath.Join(base, "same"))
	other := solved(t, root)
	other[originals.MadeFromFile] = "sha256:" + strings.Repeat("0", 64) + "\n"
	other.write(t, filepath.Join(base, "other"))

	subs := g.Many(context.Background(), []string{filepath.Join(base, "same"), filepath.Join(base, "other")}, 2, nil)
	require.NoError(t, subs[0].Err, "made from these originals: graded")
	assert.Equal(t, subs[0].Sheet.Max, subs[0].Sheet.Score)
	var otherOriginals *OtherOriginals
	require.True(t, errors.As(subs[1].Err, &otherOriginals), "%v", subs[1].Err)
	assert.Contains(t, subs[1].Err.Error(), "this submission was made from other originals than this grader's")
	assert.Empty(t, subs[1].Sheet.Koans, "not scored: no koan is called tampered")

	// An assignment of the same originals hashes the same.
	require.NoError(t, os.RemoveAll(filepath.Join(root, "solutions")))
	shipped := filepath.Join(root, filepath.FromSlash(originals.ShippedDir))
	require.NoError(t, os.MkdirAll(shipped, 0o755))
	require.NoError(t, os.CopyFS(filepath.Join(shipped, "01_arena"), os.DirFS(filepath.Join(root, "koans", "01_arena"))))
	exported, err := originals.Load(os.DirFS(root))
	require.NoError(t, err)
	assert.Equal(t, orig.Hash(), exported.Hash())
}

package originals

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

// MadeFromFile, in an assignment, names the originals it was exported
// from: their Hash. A grader whose originals hash otherwise says so
// instead of grading (the koans differ; their differences are not the
// learner's tampering).
const MadeFromFile = ".koans/originals"

// Hash names the originals by what decides a verdict and that every copy
// of them carries: go.mod, go.sum, the fixtures' code and data (not their
// tests), the shipped koans and their phases' READMEs. An instructor's
// checkout, the copy built into a CLI and an exported assignment of the
// same commit hash alike.
func (t Tree) Hash() string {
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(t)) {
		if hashed(p) {
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(t[p]))
			h.Write(t[p])
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func hashed(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_") || seg == "testdata" {
			return false
		}
	}
	switch {
	case p == "go.mod" || p == "go.sum":
		return true
	case strings.HasPrefix(p, "fixtures/"):
		return !strings.HasSuffix(p, "_test.go")
	case strings.HasPrefix(p, catalog.KoansDir+"/"):
		return strings.Count(p, "/") == 2 && (strings.HasSuffix(p, ".go") || path.Base(p) == "README.md")
	}
	return false
}

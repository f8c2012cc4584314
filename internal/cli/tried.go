package cli

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/shipped"
)

// markTried remembers the predict-first koans tried once: every blank
// replaced (a ✎-only koan: its code changed from the shipped one) and the
// koan still failing. From then on their SQL is shown.
func (s *session) markTried(results []runner.Result) {
	tried, err := s.state.Tried()
	if err != nil {
		return
	}
	var now []string
	shippedOf := map[string]map[string][]byte{} // phase → its shipped files, made once
	for _, r := range results {
		k := r.Koan
		if !k.SQLAfterFirstTry || tried[k.ID] || r.Passed() || k.Missing || k.Unfinished() {
			continue
		}
		files, ok := shippedOf[k.Phase.Dir]
		if !ok {
			files, _ = shippedFiles(s.root, k.Phase.Dir)
			shippedOf[k.Phase.Dir] = files
		}
		if changedFromShipped(s.root, k, files) {
			now = append(now, k.ID)
		}
	}
	if len(now) > 0 {
		_ = s.state.MarkTried(now...)
	}
}

// changedFromShipped reports whether the learner has changed a koan's
// function from the one shipped (files: its phase's shipped files).
func changedFromShipped(root string, k *catalog.Koan, files map[string][]byte) bool {
	original, ok := files[k.File]
	if !ok {
		return false
	}
	current, err := readFile(root, k.File)
	if err != nil {
		return false
	}
	os0, oe, ok1 := shipped.Func(k.File, original, k.Name)
	cs, ce, ok2 := shipped.Func(k.File, current, k.Name)
	return ok1 && ok2 && !bytes.Equal(original[os0:oe], current[cs:ce])
}

func readFile(root, rel string) ([]byte, error) {
	return os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
}

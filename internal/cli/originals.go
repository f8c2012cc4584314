package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/workspace"
)

// missingHelpers are the shipped files of a phase that hold no koan
// (blanks_test.go, helpers) and are missing: the phase does not compile
// without them, and they hold none of the learner's work.
func missingHelpers(p *catalog.Phase) []string {
	holdsKoan := map[string]bool{}
	for _, k := range p.Koans {
		holdsKoan[k.File] = true
	}
	var helpers []string
	for _, f := range p.Missing {
		if !holdsKoan[f] {
			helpers = append(helpers, f)
		}
	}
	return helpers
}

// restoreFiles writes files of a phase back as shipped.
func restoreFiles(root string, p *catalog.Phase, rels []string) error {
	if len(rels) == 0 {
		return nil
	}
	files, err := workspace.ShippedFiles(root, p.Dir)
	if err != nil {
		return err
	}
	for _, f := range rels {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(f)), files[f], 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f, err)
		}
	}
	return nil
}

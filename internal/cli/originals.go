package cli

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
)

// The learner commands learn the koans as shipped here, and only here,
// from internal/originals.

// shippedFiles returns the shipped koan files of one phase, by path from
// the root.
func shippedFiles(root, phase string) (map[string][]byte, error) {
	return originals.Koans(os.DirFS(root), phase)
}

// missingFiles returns the shipped source of every koan file the checkout
// lacks. Files are compared by name first, so a complete checkout costs a
// directory listing, not a generation.
func missingFiles(root string) (map[string][]byte, error) {
	names, err := originals.Names(os.DirFS(root))
	if err != nil {
		return nil, err
	}
	missing := map[string]bool{}
	phases := map[string]bool{}
	for _, rel := range names {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); errors.Is(err, os.ErrNotExist) {
			missing[rel] = true
			phases[path.Base(path.Dir(rel))] = true
		}
	}
	out := map[string][]byte{}
	for phase := range phases {
		files, err := shippedFiles(root, phase)
		if err != nil {
			return nil, err
		}
		for rel, src := range files {
			if missing[rel] {
				out[rel] = src
			}
		}
	}
	return out, nil
}

// loadCatalog reads the koans as they are now, with the koans of shipped
// files the checkout lacks put back in place, marked missing, and those
// about another database than db set aside as skipped.
func loadCatalog(root, db string) (*catalog.Catalog, error) {
	cat, err := catalog.Load(root)
	if err != nil {
		return nil, fmt.Errorf("reading the koans: %w", err)
	}
	missing, err := missingFiles(root)
	if err != nil {
		return nil, err
	}
	if err := cat.AddMissing(missing); err != nil {
		return nil, err
	}
	for _, p := range cat.Phases {
		if len(p.Unparsed) == 0 {
			continue
		}
		files, err := shippedFiles(root, p.Dir)
		if err != nil {
			return nil, err
		}
		for _, rel := range p.Unparsed {
			if src, ok := files[rel]; ok {
				if err := cat.KeepShipped(rel, src); err != nil {
					return nil, err
				}
			}
		}
	}
	return cat.On(db), nil
}

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
	files, err := shippedFiles(root, p.Dir)
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

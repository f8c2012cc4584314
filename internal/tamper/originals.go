package tamper

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/strip"
)

// Load reads the originals from a source tree (an instructor's clean
// checkout, or the copy embedded in the CLI): go.mod, go.sum, fixtures/,
// the phase READMEs, and the koans generated from solutions/.
func Load(src fs.FS) (Originals, error) {
	orig := Originals{}
	for _, f := range []string{"go.mod", "go.sum"} {
		raw, err := fs.ReadFile(src, f)
		if err != nil {
			return nil, fmt.Errorf("reading the original %s: %w", f, err)
		}
		orig[f] = raw
	}
	err := fs.WalkDir(src, "fixtures", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		orig[p] = raw
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the original fixtures: %w", err)
	}
	readmes, err := fs.Glob(src, "koans/*/README.md")
	if err != nil {
		return nil, fmt.Errorf("listing the original READMEs: %w", err)
	}
	for _, p := range readmes {
		if orig[p], err = fs.ReadFile(src, p); err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
	}
	solutions, err := fs.Glob(src, "solutions/[0-9][0-9]_*/*.go")
	if err != nil {
		return nil, fmt.Errorf("listing the original solutions: %w", err)
	}
	if len(solutions) == 0 {
		return nil, fmt.Errorf("no solutions/NN_*/*.go in the originals")
	}
	for _, p := range solutions {
		raw, err := fs.ReadFile(src, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		koan, err := strip.Koan(p, raw)
		if err != nil {
			return nil, err
		}
		orig[catalog.KoansDir+strings.TrimPrefix(p, catalog.SolutionsDir)] = koan
	}
	return orig, nil
}

// Catalog writes the original koans and READMEs to a temporary directory
// and reads their catalog: the koans a submission is graded on, with their
// original points.
func (o Originals) Catalog() (*catalog.Catalog, func(), error) {
	dir, err := os.MkdirTemp("", "koans-originals-")
	if err != nil {
		return nil, nil, fmt.Errorf("making a directory for the originals: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	for p, raw := range o {
		if !strings.HasPrefix(p, catalog.KoansDir+"/") {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("writing the originals: %w", err)
		}
		if err := os.WriteFile(target, raw, 0o644); err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("writing the originals: %w", err)
		}
	}
	cat, err := catalog.Load(dir)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return cat, cleanup, nil
}

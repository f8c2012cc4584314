package trace

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

// solutionPhases loads the solutions of the phases named (every phase when
// none), by directory.
func solutionPhases(root string, phases []string) ([]*catalog.Koan, error) {
	cat, err := catalog.LoadDir(root, catalog.SolutionsDir)
	if err != nil {
		return nil, err
	}
	var koans []*catalog.Koan
	for _, p := range cat.Phases {
		if len(phases) == 0 || slices.Contains(phases, p.Dir) {
			koans = append(koans, p.Koans...)
		}
	}
	return koans, nil
}

// recorded runs the solutions and encodes each phase's file, by path.
func recorded(ctx context.Context, root string, phases []string) (map[string][]byte, error) {
	koans, err := solutionPhases(root, phases)
	if err != nil {
		return nil, err
	}
	byPhase, err := Record(ctx, root, koans)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for dir, p := range byPhase {
		files[File(dir)] = p.Encode()
	}
	return files, nil
}

// Generate records the reference SQL of the phases named (every phase when
// none) and writes each phase's file; it returns the files it changed.
func Generate(ctx context.Context, root string, phases []string) ([]string, error) {
	files, err := recorded(ctx, root, phases)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		content := files[rel]
		path := filepath.Join(root, filepath.FromSlash(rel))
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, content) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return changed, fmt.Errorf("creating %s: %w", filepath.Dir(rel), err)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return changed, fmt.Errorf("writing %s: %w", rel, err)
		}
		changed = append(changed, rel)
	}
	return changed, nil
}

// Drift lists the phases' reference SQL files that are not what the
// solutions send today, each as a sentence.
func Drift(ctx context.Context, root string, phases []string) ([]string, error) {
	files, err := recorded(ctx, root, phases)
	if err != nil {
		return nil, err
	}
	var drifts []string
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		content := files[rel]
		old, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		switch {
		case err != nil:
			drifts = append(drifts, rel+" is missing: the second hint has no reference SQL (run `koans dev gen`)")
		case !bytes.Equal(old, content):
			drifts = append(drifts, rel+" differs from the SQL the solutions send today (run `koans dev gen`)")
		}
	}
	return drifts, nil
}

package trace

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path"
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

// recorded runs the solutions and encodes each phase's file, by path. A
// koan whose solution fails keeps what its phase's file said of it; its
// phase is named in broken.
func recorded(ctx context.Context, root string, phases []string) (files map[string][]byte, broken map[string]bool, err error) {
	koans, err := solutionPhases(root, phases)
	if err != nil {
		return nil, nil, err
	}
	byPhase, failed, err := Record(ctx, root, koans)
	if err != nil {
		return nil, nil, err
	}
	broken = map[string]bool{}
	for _, k := range failed {
		broken[k.Phase.Dir] = true
		old, err := Load(root, k.Phase.Dir)
		if err != nil {
			return nil, nil, err
		}
		if sql, ok := old[k.Name]; ok {
			if byPhase[k.Phase.Dir] == nil {
				byPhase[k.Phase.Dir] = Phase{}
			}
			byPhase[k.Phase.Dir][k.Name] = sql
		}
	}
	files = map[string][]byte{}
	for dir, p := range byPhase {
		files[File(dir)] = p.Encode()
	}
	return files, broken, nil
}

// Generate records the reference SQL of the phases named (every phase when
// none) and writes each phase's file; it returns the files it changed.
func Generate(ctx context.Context, root string, phases []string) ([]string, error) {
	files, _, err := recorded(ctx, root, phases)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		content := files[rel]
		file := filepath.Join(root, filepath.FromSlash(rel))
		if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, content) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return changed, fmt.Errorf("creating %s: %w", filepath.Dir(rel), err)
		}
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return changed, fmt.Errorf("writing %s: %w", rel, err)
		}
		changed = append(changed, rel)
	}
	return changed, nil
}

// Drift lists the phases' reference SQL files that are not what the
// solutions send today, each as a sentence.
func Drift(ctx context.Context, root string, phases []string) ([]string, error) {
	files, broken, err := recorded(ctx, root, phases)
	if err != nil {
		return nil, err
	}
	var drifts []string
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		if broken[path.Base(path.Dir(path.Dir(rel)))] {
			continue // a failing solution: reported by dev check already
		}
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

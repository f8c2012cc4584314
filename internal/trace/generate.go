package trace

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

// solutionPhases loads the solutions of the phases named (every phase when
// none), by directory, that run on database db.
func solutionPhases(root, db string, phases []string) ([]*catalog.Koan, error) {
	cat, err := catalog.LoadDir(root, catalog.SolutionsDir)
	if err != nil {
		return nil, err
	}
	cat.On(db)
	var koans []*catalog.Koan
	for _, p := range cat.Phases {
		if len(phases) == 0 || slices.Contains(phases, p.Dir) {
			koans = append(koans, p.Koans...)
		}
	}
	return koans, nil
}

// recorded runs the solutions and returns each phase's recording by
// phase directory. A koan whose solution fails keeps what its phase's file
// said of it; its phase is named in broken.
func recorded(ctx context.Context, root, db string, phases []string) (byPhase map[string]Phase, broken map[string]bool, err error) {
	koans, err := solutionPhases(root, db, phases)
	if err != nil {
		return nil, nil, err
	}
	byPhase, failed, err := Record(ctx, root, db, koans)
	if err != nil {
		return nil, nil, err
	}
	broken = map[string]bool{}
	for _, k := range failed {
		broken[k.Phase.Dir] = true
		old, err := Load(root, k.Phase.Dir, db)
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
	return byPhase, broken, nil
}

// Generate records the reference SQL on database db of the phases named
// (every phase when none) and writes each phase's file where it says something new (a map's
// order alone is nothing new); it returns the files it changed.
func Generate(ctx context.Context, root, db string, phases []string) ([]string, error) {
	byPhase, _, err := recorded(ctx, root, db, phases)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, dir := range slices.Sorted(maps.Keys(byPhase)) {
		rel := File(dir, db)
		if _, statErr := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); statErr == nil {
			if old, err := Load(root, dir, db); err == nil && old.Same(byPhase[dir]) {
				continue
			}
		}
		file := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return changed, fmt.Errorf("creating %s: %w", filepath.Dir(rel), err)
		}
		if err := os.WriteFile(file, byPhase[dir].Encode(), 0o644); err != nil {
			return changed, fmt.Errorf("writing %s: %w", rel, err)
		}
		changed = append(changed, rel)
	}
	return changed, nil
}

// Drift lists the phases' reference SQL files that are not what the
// solutions send today, each as a sentence.
func Drift(ctx context.Context, root, db string, phases []string) ([]string, error) {
	byPhase, broken, err := recorded(ctx, root, db, phases)
	if err != nil {
		return nil, err
	}
	var drifts []string
	for _, dir := range slices.Sorted(maps.Keys(byPhase)) {
		if broken[dir] {
			continue // a failing solution: reported by dev check already
		}
		rel := File(dir, db)
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			drifts = append(drifts, rel+" is missing: the second hint has no reference SQL (run `"+genCommand(db)+"`)")
			continue
		}
		if old, err := Load(root, dir, db); err != nil || !old.Same(byPhase[dir]) {
			drifts = append(drifts, rel+" differs from the SQL the solutions send today (run `"+genCommand(db)+"`)")
		}
	}
	return drifts, nil
}

// genCommand is the command that records the reference SQL on db.
func genCommand(db string) string {
	if db == dbenv.SQLite {
		return "koans dev gen"
	}
	return "koans --db " + db + " dev gen"
}

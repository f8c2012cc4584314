// Package devcheck is the koan authors' check: koans/ is what strip makes of
// solutions/, every shipped koan fails at its blank, every solution passes.
package devcheck

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
)

// Drift is one koan file that is not what its solution strips to.
type Drift struct {
	File   string // path under koans/, slash-separated
	Reason string
}

// Generate writes koans/ from solutions/ (one phase, or "" for all) and
// removes koan files that no solution makes. It returns the files it changed.
func Generate(root, phase string) ([]string, error) {
	shipped, err := originals.Koans(os.DirFS(root), phase)
	if err != nil {
		return nil, err
	}
	drifts, err := findDrift(root, phase, shipped)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, d := range drifts {
		path := filepath.Join(root, filepath.FromSlash(d.File))
		src, ok := shipped[d.File]
		if !ok {
			if err := os.Remove(path); err != nil {
				return changed, fmt.Errorf("removing %s: %w", d.File, err)
			}
		} else {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return changed, fmt.Errorf("creating %s: %w", filepath.Dir(d.File), err)
			}
			if err := os.WriteFile(path, src, 0o644); err != nil {
				return changed, fmt.Errorf("writing %s: %w", d.File, err)
			}
		}
		changed = append(changed, d.File)
	}
	return changed, nil
}

// FindDrift lists the koan files that differ from what solutions/ generates,
// in one phase or ("") all.
func FindDrift(root, phase string) ([]Drift, error) {
	shipped, err := originals.Koans(os.DirFS(root), phase)
	if err != nil {
		return nil, err
	}
	return findDrift(root, phase, shipped)
}

func findDrift(root, phase string, shipped map[string][]byte) ([]Drift, error) {
	existing, err := filepath.Glob(filepath.Join(root, catalog.KoansDir, catalog.PhaseOrAll(phase), "*.go"))
	if err != nil {
		return nil, fmt.Errorf("listing koans: %w", err)
	}
	var drifts []Drift
	seen := map[string]bool{}
	for _, f := range existing {
		rel, _ := filepath.Rel(root, f)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, ok := shipped[rel]
		if !ok {
			drifts = append(drifts, Drift{File: rel, Reason: "no file in solutions/ makes it"})
			continue
		}
		got, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", rel, err)
		}
		if !bytes.Equal(got, want) {
			drifts = append(drifts, Drift{File: rel, Reason: "differs from its solution stripped of answers" + firstDiff(got, want)})
		}
	}
	for rel := range shipped {
		if !seen[rel] {
			drifts = append(drifts, Drift{File: rel, Reason: "missing: its solution exists"})
		}
	}
	slices.SortFunc(drifts, func(a, b Drift) int { return strings.Compare(a.File, b.File) })
	return drifts, nil
}

func firstDiff(got, want []byte) string {
	g := bytes.Split(got, []byte("\n"))
	w := bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		if i >= len(g) || i >= len(w) || !bytes.Equal(g[i], w[i]) {
			return fmt.Sprintf(" (first at line %d)", i+1)
		}
	}
	return ""
}

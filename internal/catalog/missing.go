package catalog

import (
	"fmt"
	"maps"
	"path"
	"slices"
)

// AddMissing puts back, in their places on the path, the koans of shipped
// files that the checkout lacks, marked Missing, so that every command knows
// the koans the path should have. shipped maps a missing file's path from
// the root (koans/NN_x/file_test.go) to its source as shipped.
func (c *Catalog) AddMissing(shipped map[string][]byte) error {
	for _, rel := range slices.Sorted(maps.Keys(shipped)) {
		p, ok := c.Phase(path.Base(path.Dir(rel)))
		if !ok {
			continue // a whole phase directory is gone: nothing to place it in
		}
		koans, err := parseFile(rel, shipped[rel], p)
		if err != nil {
			return fmt.Errorf("reading the shipped %s: %w", rel, err)
		}
		for _, k := range koans {
			k.Missing = true
		}
		p.Missing = append(p.Missing, rel)
		// Files are met in name order: insert before the first koan of a
		// later file.
		at := len(p.Koans)
		for i, k := range p.Koans {
			if k.File > rel {
				at = i
				break
			}
		}
		p.Koans = slices.Insert(p.Koans, at, koans...)
	}
	return nil
}

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
		koans, _, err := parseFile(rel, shipped[rel], p)
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

// KeepShipped makes a file that does not parse hold the koans it was
// shipped with, in their shipped order: those the parser still found keep
// what it read (their lines, blanks and blocks), the others come back from
// shipped, so a syntax error never hides a koan — it fails with the
// compile error instead. rel is the file's path from the root.
func (c *Catalog) KeepShipped(rel string, shipped []byte) error {
	p, ok := c.Phase(path.Base(path.Dir(rel)))
	if !ok {
		return nil
	}
	want, _, err := parseFile(rel, shipped, p)
	if err != nil {
		return fmt.Errorf("reading the shipped %s: %w", rel, err)
	}
	found := map[string]*Koan{}
	at := -1
	var kept []*Koan
	for _, k := range p.Koans {
		if k.File != rel {
			kept = append(kept, k)
			continue
		}
		if at < 0 {
			at = len(kept)
		}
		found[k.Name] = k
	}
	if at < 0 {
		at = len(kept)
		for i, k := range kept {
			if k.File > rel {
				at = i
				break
			}
		}
	}
	koans := make([]*Koan, 0, len(want))
	for _, k := range want {
		if f, ok := found[k.Name]; ok {
			k = f
		}
		koans = append(koans, k)
	}
	p.Koans = slices.Insert(kept, at, koans...)
	return nil
}

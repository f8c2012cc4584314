// Package originals knows the koans as shipped, and everything a koan needs
// to build: it is the one place that makes shipped koans from solutions/,
// and the one that puts a learner's koan, or phase, back to them (reset).
// Grading, reset and the authors' tools all read the originals through it.
//
// Two kinds of checkout hold originals: an author's (or instructor's), where
// solutions/ holds every koan solved and the shipped koan is what strip makes
// of it; and an assignment written by `koans export`, which has no
// solutions/ and keeps the shipped koans as they are in ShippedDir.
package originals

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/strip"
)

// ShippedDir holds the shipped koans in an assignment without solutions:
// ShippedDir/NN_x/file_test.go is koans/NN_x/file_test.go as handed out.
const ShippedDir = ".koans/shipped"

// Tree is the originals a submission is graded against, by slash path from
// the checkout root: go.mod, go.sum, fixtures/**, and koans/NN_x/** (the
// generated koan files, the README and any data beside them).
type Tree map[string][]byte

// HasSolutions reports whether a checkout carries solutions/ (an author's or
// instructor's) rather than only the shipped koans (an assignment).
func HasSolutions(fsys fs.FS) bool {
	matches, _ := fs.Glob(fsys, catalog.SolutionsDir+"/"+catalog.PhaseGlob+"/*.go")
	return len(matches) > 0
}

// Koans returns the shipped koan files of one phase ("" for all), keyed by
// their path in a checkout (koans/NN_x/file.go): stripped from solutions/,
// or read from ShippedDir in an assignment.
func Koans(fsys fs.FS, phase string) (map[string][]byte, error) {
	from, names, err := list(fsys, phase)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 && phase == "" && from == ShippedDir {
		return nil, fmt.Errorf("no %s/NN_*/*.go and no %s/NN_*/*.go: not a gorm-koans checkout", catalog.SolutionsDir, ShippedDir)
	}
	out := map[string][]byte{}
	for _, name := range names {
		p := from + strings.TrimPrefix(name, catalog.KoansDir)
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		if from == catalog.SolutionsDir {
			if src, err = strip.Koan(p, src); err != nil {
				return nil, err
			}
		}
		out[name] = src
	}
	return out, nil
}

// Names lists the shipped koan files of a checkout (koans/NN_x/file.go)
// without making them: a directory listing.
func Names(fsys fs.FS) ([]string, error) {
	_, names, err := list(fsys, "")
	return names, err
}

// list names the shipped koan files of one phase ("" for all) and the
// directory they are made from: solutions/, or ShippedDir in an assignment.
func list(fsys fs.FS, phase string) (from string, names []string, err error) {
	from = ShippedDir
	if HasSolutions(fsys) {
		from = catalog.SolutionsDir
	}
	files, err := fs.Glob(fsys, from+"/"+catalog.PhaseOrAll(phase)+"/*.go")
	if err != nil {
		return "", nil, fmt.Errorf("listing %s: %w", from, err)
	}
	for _, f := range files {
		names = append(names, catalog.KoansDir+strings.TrimPrefix(f, from))
	}
	return from, names, nil
}

// Load reads the originals of a checkout: an instructor's clean checkout, or
// the copy built into the CLI.
func Load(fsys fs.FS) (Tree, error) {
	tree := Tree{}
	for _, f := range []string{"go.mod", "go.sum"} {
		raw, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("reading the original %s: %w", f, err)
		}
		tree[f] = raw
	}
	// fixtures/ whole; of koans/, what is not Go (READMEs, data): the Go
	// files are generated below, never taken from koans/.
	add := func(root string, keep func(string) bool) error {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !keep(p) {
				return nil
			}
			raw, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			tree[p] = raw
			return nil
		})
		if err != nil && !(root == catalog.KoansDir && errors.Is(err, fs.ErrNotExist)) {
			return fmt.Errorf("reading the original %s: %w", root, err)
		}
		return nil
	}
	if err := add("fixtures", func(string) bool { return true }); err != nil {
		return nil, err
	}
	if err := add(catalog.KoansDir, func(p string) bool { return !strings.HasSuffix(p, ".go") }); err != nil {
		return nil, err
	}
	koans, err := Koans(fsys, "")
	if err != nil {
		return nil, err
	}
	if len(koans) == 0 {
		return nil, fmt.Errorf("no koans among the originals")
	}
	maps.Copy(tree, koans)
	return tree, nil
}

// KoanFiles lists the shipped Go files under koans/, sorted.
func (t Tree) KoanFiles() []string {
	var out []string
	for p := range t {
		if strings.HasPrefix(p, catalog.KoansDir+"/") && strings.HasSuffix(p, ".go") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// Phases lists the phase directories of the originals, in order.
func (t Tree) Phases() []string {
	var out []string
	for _, p := range t.KoanFiles() {
		dir := path.Base(path.Dir(p))
		if !slices.Contains(out, dir) {
			out = append(out, dir)
		}
	}
	return out
}

// WriteTo writes the tree under dir.
func (t Tree) WriteTo(dir string) error {
	for _, p := range slices.Sorted(maps.Keys(t)) {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fmt.Errorf("writing the originals: %w", err)
		}
		if err := os.WriteFile(target, t[p], 0o644); err != nil {
			return fmt.Errorf("writing the originals: %w", err)
		}
	}
	return nil
}

// Catalog reads the catalog of the original koans and READMEs, from
// memory: the koans a submission is graded on, with their original points.
func (t Tree) Catalog() (*catalog.Catalog, error) {
	cat, err := catalog.LoadFS(t.FS(), catalog.KoansDir)
	if err != nil {
		return nil, fmt.Errorf("reading the original koans: %w", err)
	}
	return cat, nil
}

// FS is the tree as a file system, read in memory.
func (t Tree) FS() fs.FS {
	m := fstest.MapFS{}
	for p, raw := range t {
		m[p] = &fstest.MapFile{Data: raw, Mode: 0o644}
	}
	return m
}

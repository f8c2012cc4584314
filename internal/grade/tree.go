package grade

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/safetext"
	"github.com/gorm-koans/gorm-koans/internal/tamper"
)

// Tree is a submission laid over the originals: what is graded.
type Tree struct {
	// Files is the graded tree: the originals, with the submission's koan
	// files in place of the shipped ones (tampered koans put back).
	Files originals.Tree
	// Tampered maps a koan ID to why it was judged tampered.
	Tampered map[string][]string
	// Missing are the shipped koan files the submission does not have; their
	// koans earn nothing.
	Missing []string
	// Extra are files under koans/ that were not shipped: never read, never
	// built, named so the grader knows.
	Extra []string
	// Attempted are the phases (directories) with a koan file the learner
	// changed: none is a submission not started.
	Attempted []string
}

// Lay builds the graded tree from the originals and a submission. Of the
// submission it reads only koans/NN_x/*_test.go files that the originals
// have; everything else (go.mod, go.work, vendor/, fixtures/, other files)
// stays the originals', so nothing else of it can change what runs.
func Lay(orig originals.Tree, cat *catalog.Catalog, sub fs.FS) Tree {
	return LayTyped(orig, cat, sub, nil)
}

// LayTyped is Lay with the koan files type-checked (tamper.CheckTyped)
// against the export data of what the koans import; nil exports: Lay.
func LayTyped(orig originals.Tree, cat *catalog.Catalog, sub fs.FS, exports tamper.Exports) Tree {
	t := Tree{Files: maps.Clone(orig), Tampered: map[string][]string{}}
	// Koans set aside for another database (Catalog.On) are not graded,
	// but they are the learner's as much as the others: the tamper check
	// holds them to the same rules, else a filled blank in one would count
	// as an edit outside the koans and cost its file's graded koans.
	byFile := map[string][]*catalog.Koan{}
	graded := map[string]bool{}
	for _, p := range cat.Phases {
		for _, k := range p.Koans {
			byFile[k.File] = append(byFile[k.File], k)
			graded[k.File] = true
		}
		for _, k := range p.Skipped {
			byFile[k.File] = append(byFile[k.File], k)
		}
	}
	pkgs := map[string]map[string]bool{}
	// One importer for the submission: what the koans import is read once.
	types := &tamper.Typed{Exports: exports}
	for _, file := range orig.KoanFiles() {
		koans := byFile[file]
		if len(koans) == 0 {
			continue // blanks_test.go, a phase's helpers: not the learner's
		}
		// A link could read a file outside the submission into the graded
		// tree (and its error messages): only regular files count.
		fi, err := fs.Lstat(sub, file)
		if err == nil && !fi.Mode().IsRegular() {
			err = fs.ErrInvalid
		}
		var got []byte
		if err == nil {
			got, err = fs.ReadFile(sub, file)
		}
		if err != nil {
			if graded[file] {
				t.Missing = append(t.Missing, file)
			}
			continue
		}
		dir := path.Dir(file)
		if !bytes.Equal(bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n")), orig[file]) && !slices.Contains(t.Attempted, path.Base(dir)) {
			t.Attempted = append(t.Attempted, path.Base(dir))
		}
		if pkgs[dir] == nil {
			pkgs[dir] = tamper.Package(phaseFiles(orig, dir))
		}
		var names []string
		for _, k := range koans {
			names = append(names, k.Name)
		}
		var typed *tamper.Typed
		if exports != nil {
			typed = types.ForPhase(phaseFiles(orig, dir))
		}
		v := tamper.CheckTyped(file, orig[file], got, names, pkgs[dir], typed)
		t.Files[file] = v.Graded
		for _, k := range koans {
			if r := v.Tampered[k.Name]; len(r) > 0 {
				t.Tampered[k.ID] = safetext.Lines(r)
			}
		}
	}
	t.Extra = extra(orig, sub)
	return t
}

func phaseFiles(orig originals.Tree, dir string) map[string][]byte {
	out := map[string][]byte{}
	for p, raw := range orig {
		if path.Dir(p) == dir && strings.HasSuffix(p, ".go") {
			out[p] = raw
		}
	}
	return out
}

// extra lists what the submission has under koans/ that was not shipped.
func extra(orig originals.Tree, sub fs.FS) []string {
	var out []string
	_ = fs.WalkDir(sub, catalog.KoansDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if _, ok := orig[p]; !ok && !strings.HasPrefix(d.Name(), ".koans-state.json") {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out
}

package originals

// Restoring a learner's koan, or a whole phase, to the originals, and
// showing a koan's solution.

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/strip"
)

// Func returns the source of a test function, doc comment included, from a
// file's source; ok is false if the file does not declare it.
func Func(filename string, src []byte, name string) (start, end int, ok bool) {
	fset := token.NewFileSet()
	file, _ := parser.ParseFile(fset, filename, src, parser.ParseComments|parser.SkipObjectResolution)
	if file == nil {
		return 0, 0, false
	}
	for _, decl := range file.Decls {
		fn, isFunc := decl.(*ast.FuncDecl)
		if !isFunc || fn.Name.Name != name || fn.Recv != nil {
			continue
		}
		from := fn.Pos()
		if fn.Doc != nil {
			from = fn.Doc.Pos()
		}
		s, e := fset.Position(from).Offset, fset.Position(fn.End()).Offset
		if s < 0 || e > len(src) || s >= e {
			return 0, 0, false
		}
		return s, e, true
	}
	return 0, 0, false
}

// ResetKoan puts one koan back as shipped, leaving the rest of its file —
// the learner's other koans — as they are. It reports whether anything changed.
func ResetKoan(root string, k *catalog.Koan) (bool, error) {
	files, err := Koans(os.DirFS(root), k.Phase.Dir)
	if err != nil {
		return false, err
	}
	original, ok := files[k.File]
	if !ok {
		return false, fmt.Errorf("no solution in %s makes %s", catalog.SolutionsDir, k.File)
	}
	path := filepath.Join(root, filepath.FromSlash(k.File))
	current, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		// The file is gone: bring it back whole, with its other koans.
		if err := os.WriteFile(path, original, 0o644); err != nil {
			return false, fmt.Errorf("writing %s: %w", k.File, err)
		}
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", k.File, err)
	}
	os0, oe, ok := Func(k.File, original, k.Name)
	if !ok {
		return false, fmt.Errorf("the shipped %s has no %s", k.File, k.Name)
	}
	cs, ce, ok := Func(k.File, current, k.Name)
	if !ok {
		return false, fmt.Errorf("cannot find %s in %s (a syntax error?); reset the whole phase instead", k.Name, k.File)
	}
	// What follows the function up to the next declaration belongs to the
	// koan too: text typed below its closing brace is reset with it.
	oe = nextDecl(original, oe, len(original))
	ce = nextDecl(current, ce, followingStart(original, oe, current, ce))
	if bytes.Equal(current[cs:ce], original[os0:oe]) {
		return false, nil
	}
	var out bytes.Buffer
	out.Write(current[:cs])
	out.Write(original[os0:oe])
	out.Write(current[ce:])
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		return false, fmt.Errorf("writing %s: %w", k.File, err)
	}
	return true, nil
}

// nextDecl is where the text after a function ends: the start of the next
// line that opens a declaration or its doc comment, else limit.
func nextDecl(src []byte, from, limit int) int {
	i := from
	for i < limit {
		nl := bytes.IndexByte(src[i:limit], '\n')
		if nl < 0 {
			return limit
		}
		i += nl + 1
		line := src[i:min(limit, i+bytes.IndexByte(append(src[i:limit:limit], '\n'), '\n'))]
		for _, opener := range []string{"func ", "// Test", "type ", "var ", "const ", "/*"} {
			if bytes.HasPrefix(line, []byte(opener)) {
				return i
			}
		}
	}
	return limit
}

// followingStart finds, in the current file, where the declaration that
// follows the koan in the original starts: the end of the koan's tail.
func followingStart(original []byte, oe int, current []byte, ce int) int {
	if oe >= len(original) {
		return len(current)
	}
	line, _, _ := bytes.Cut(original[oe:], []byte("\n"))
	if i := bytes.Index(current[ce:], append([]byte("\n"), line...)); i >= 0 {
		return ce + i + 1
	}
	return len(current)
}

// ResetPhase puts every koan file of a phase back as shipped and returns
// the files it changed. Files the learner added are left alone.
func ResetPhase(root string, p *catalog.Phase) ([]string, error) {
	files, err := Koans(os.DirFS(root), p.Dir)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if current, err := os.ReadFile(path); err == nil && bytes.Equal(current, files[rel]) {
			continue
		}
		if err := os.WriteFile(path, files[rel], 0o644); err != nil {
			return changed, fmt.Errorf("writing %s: %w", rel, err)
		}
		changed = append(changed, rel)
	}
	return changed, nil
}

// Solution returns the solved koan's source, from solutions/.
func Solution(root string, k *catalog.Koan) (string, error) {
	rel, err := filepath.Rel(catalog.KoansDir, filepath.FromSlash(k.File))
	if err != nil {
		return "", fmt.Errorf("locating the solution of %s: %w", k.ID, err)
	}
	path := filepath.Join(root, catalog.SolutionsDir, rel)
	src, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading the solution of %s: %w", k.ID, err)
	}
	s, e, ok := Func(path, src, k.Name)
	if !ok {
		return "", fmt.Errorf("%s has no solution for %s", filepath.ToSlash(filepath.Join(catalog.SolutionsDir, rel)), k.Name)
	}
	return clean(string(src[s:e])), nil
}

// clean drops the authoring marks: blank markers, the shipped lines of ✎
// blocks, which the learner has in front of them already, and the dodges,
// which are for authors.
func clean(src string) string {
	var out []string
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), strip.ShippedCode) || strip.IsDodge(line) {
			continue
		}
		line = strings.ReplaceAll(line, strip.TextMarker+" ", "")
		line = strings.ReplaceAll(line, strip.ValueMarker+" ", "")
		line = strings.ReplaceAll(line, " "+strip.TextMarker, "")
		line = strings.ReplaceAll(line, " "+strip.ValueMarker, "")
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

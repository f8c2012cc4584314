package tamper

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
)

// Exports maps an import path to the file holding its compiled export
// data, as `go list -export` names it: what type-checking a koan file
// reads of the packages it imports.
type Exports map[string]string

// ListExports builds pkgs and their dependencies in dir (a module) with
// tags and env, as go list -export -deps does, and names their export data.
func ListExports(ctx context.Context, dir string, env []string, tags string, pkgs ...string) (Exports, error) {
	args := append([]string{"list", "-export", "-deps", "-tags=" + tags, "-f", "{{if .Export}}{{.ImportPath}}\t{{.Export}}{{end}}"}, pkgs...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing what the koans import: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	exports := Exports{}
	for line := range strings.SplitSeq(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok {
			exports[path] = file
		}
	}
	return exports, nil
}

// importer reads the packages a phase imports from their export data: a
// new one for each check, since go/types' importers keep what they read.
func (e Exports) importer(fset *token.FileSet) types.Importer {
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := e[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
}

// Typed is what type-checking needs besides the file itself: the export
// data of what the phase imports and the phase's other files, as shipped.
type Typed struct {
	Exports Exports
	// Phase is every original file of the koan's phase (path → source).
	Phase map[string][]byte
}

// typeCheck type-checks f with the phase's other files: nil when any of
// them does not type-check (the phase does not compile, and earns nothing).
func (ty *Typed) typeCheck(fset *token.FileSet, path string, f *ast.File, others []*ast.File) *types.Info {
	if ty == nil || ty.Exports == nil {
		return nil
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	failed := false
	conf := types.Config{Importer: ty.Exports.importer(fset), Error: func(error) { failed = true }}
	files := append([]*ast.File{f}, others...)
	_, _ = conf.Check(f.Name.Name, fset, files, info)
	if failed {
		return nil
	}
	return info
}

// others parses the phase's files but path, those of path's package.
func (ty *Typed) others(fset *token.FileSet, path, pkg string) []*ast.File {
	if ty == nil {
		return nil
	}
	var out []*ast.File
	for p, src := range ty.Phase {
		if p == path || !strings.HasSuffix(p, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err == nil && f.Name.Name == pkg {
			out = append(out, f)
		}
	}
	return out
}

// isRecorder reports whether t is the fixtures' Recorder, or a pointer to
// one: what a koan counts its statements with.
func isRecorder(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path := n.Obj().Pkg().Path()
	return n.Obj().Name() == "Recorder" && (path == "fixtures" || strings.HasSuffix(path, "/fixtures"))
}

// givesRecorder reports whether a call's results hold a Recorder: it opens
// a database of its own (fixtures.Library, a phase's helper around it).
func givesRecorder(info *types.Info, call *ast.CallExpr) bool {
	if info == nil {
		return false
	}
	tv, ok := info.Types[call]
	if !ok {
		return false
	}
	if tuple, ok := tv.Type.(*types.Tuple); ok {
		for v := range tuple.Variables() {
			if isRecorder(v.Type()) {
				return true
			}
		}
		return false
	}
	return tv.Type != nil && isRecorder(tv.Type)
}

// varType writes a variable's type, so that types from two checks
// (shipped, submitted) compare as text; "" for anything but a variable: a
// type a block declares is the learner's to write (a model's fields, its
// tags).
func varType(obj types.Object) string {
	v, ok := obj.(*types.Var)
	if !ok {
		return ""
	}
	return types.TypeString(v.Type(), func(p *types.Package) string { return p.Path() })
}

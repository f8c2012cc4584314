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
// A Typed and those made from it (ForPhase) share one importer, which reads
// each package's export data once: use them from one goroutine.
type Typed struct {
	Exports Exports
	// Phase is every original file of the koan's phase (path → source).
	Phase  map[string][]byte
	shared *sharedTypes
}

type sharedTypes struct {
	fset *token.FileSet
	imp  types.Importer
}

// ForPhase is ty for another phase's files, sharing what was imported.
func (ty *Typed) ForPhase(phase map[string][]byte) *Typed {
	ty.init()
	return &Typed{Exports: ty.Exports, Phase: phase, shared: ty.shared}
}

func (ty *Typed) init() {
	if ty.shared == nil {
		fset := token.NewFileSet()
		ty.shared = &sharedTypes{fset: fset, imp: ty.Exports.importer(fset)}
	}
}

// fileSet is where the files ty checks are parsed: the importer's.
func (ty *Typed) fileSet() *token.FileSet {
	if ty == nil || ty.Exports == nil {
		return token.NewFileSet()
	}
	ty.init()
	return ty.shared.fset
}

// typeCheck type-checks f with the phase's other files: nil when any of
// them does not type-check (the phase does not compile, and earns nothing).
func (ty *Typed) typeCheck(fset *token.FileSet, path string, f *ast.File, others []*ast.File) *types.Info {
	if ty == nil || ty.Exports == nil {
		return nil
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	failed := false
	ty.init()
	conf := types.Config{Importer: ty.shared.imp, Error: func(error) { failed = true }}
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

// changesGORM reports whether sel selects a method that registers code
// GORM runs for every statement: a callback (db.Callback()) or a plugin
// (db.Use). The recorder reads how each statement was built from GORM's own
// callbacks; a block's would run among them. Known by the method selected,
// not by how it is reached: a call, a method value, a struct embedding
// *gorm.DB. A block that does not type-check costs its phase anyway.
func changesGORM(info *types.Info, sel *ast.SelectorExpr) bool {
	if info == nil {
		return false
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok {
		return false
	}
	switch fn.FullName() {
	case "(*gorm.io/gorm.DB).Callback", "(*gorm.io/gorm.DB).Use":
		return true
	}
	return false
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

// constantLimit bounds the string constants a koan may build, as estimated
// by constantBomb: far beyond any answer, far below what folding them
// costs the grader.
const constantLimit = 64 << 10

// constantBomb estimates, without folding anything, how long the string
// constants declared in node (a koan, a file) grow: each declared constant's length is the
// sum of what its expression joins (a name declared elsewhere counts one
// byte, enough to see doubling). It returns where the first constant past
// constantLimit is declared and its estimate, or 0, 0.
func constantBomb(fset *token.FileSet, node ast.Node) (line int, size int64) {
	known := map[string]int64{}
	var length func(e ast.Expr) int64
	length = func(e ast.Expr) int64 {
		switch e := e.(type) {
		case *ast.BasicLit:
			return int64(len(e.Value))
		case *ast.Ident:
			if n, ok := known[e.Name]; ok {
				return n
			}
			return 1
		case *ast.ParenExpr:
			return length(e.X)
		case *ast.BinaryExpr:
			return min(length(e.X)+length(e.Y), 1<<40)
		case *ast.CallExpr:
			var n int64
			for _, a := range e.Args {
				n = min(n+length(a), 1<<40)
			}
			return n
		}
		return 1
	}
	ast.Inspect(node, func(n ast.Node) bool {
		g, ok := n.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST || size > 0 {
			return size == 0
		}
		var last []ast.Expr
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			values := vs.Values
			if len(values) == 0 {
				values = last // an omitted list repeats the one before
			}
			last = values
			for i, id := range vs.Names {
				var n int64 = 1
				if i < len(values) {
					n = length(values[i])
				}
				known[id.Name] = n
				if n > constantLimit && size == 0 {
					line, size = fset.Position(id.Pos()).Line, n
				}
			}
		}
		return false
	})
	return line, size
}

// Package tamper checks a learner's koan file against the original, by an
// allow-list of what a learner may write: a value in each blank (__, ___)
// and, in each ✎ block, statements over the names the original has in scope
// there. Everything else must be as shipped. A koan that breaks a rule is
// tampered and scores nothing; the file graded in its place keeps the
// original koan, so tampered code never runs.
//
// The rules, in words, are in docs/grading.md; each rejection names the rule
// and the file:line where it was broken.
package tamper

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/gorm-koans/gorm-koans/internal/strip"
)

// File is the verdict on one koan file of a submission.
type File struct {
	// Tampered maps a koan's function name to why it was judged tampered.
	Tampered map[string][]string
	// Graded is the file to build in the graded tree: the submission's, with
	// each tampered koan put back as shipped (or, when the file itself was
	// changed outside its koans, the original file whole).
	Graded []byte
}

// Package lists the names declared at package level by a phase's original
// files: what a ✎ block may refer to besides its file's imports and the
// koan's own locals.
func Package(files map[string][]byte) map[string]bool {
	names := map[string]bool{}
	for p, src := range files {
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						for _, n := range s.Names {
							names[n.Name] = true
						}
					case *ast.TypeSpec:
						names[s.Name.Name] = true
					}
				}
			}
		}
	}
	return names
}

// Check compares a submission's koan file with the original for the koans
// (function names) it holds. pkg is the phase's package-level names.
func Check(path string, orig, sub []byte, koans []string, pkg map[string]bool) File {
	out, _ := checkOnce(path, orig, sub, koans, pkg, nil)
	return out
}

// CheckTyped is Check, with types where ty can give them: the recorder is
// known by its type wherever it came from, a call that returns one opens a
// database, and a name the shipped block declares keeps its shipped type.
// A file that does not type-check is checked as Check does: its phase does
// not compile, and earns nothing anyway.
//
// A file may fail to type-check only because of a koan that is put back as
// shipped: the file graded in its place is checked again, with its types.
func CheckTyped(path string, orig, sub []byte, koans []string, pkg map[string]bool, ty *Typed) File {
	out, typed := checkOnce(path, orig, sub, koans, pkg, ty)
	if ty == nil || typed || len(out.Tampered) == 0 {
		return out
	}
	again, _ := checkOnce(path, orig, out.Graded, koans, pkg, ty)
	for k, reasons := range again.Tampered {
		if len(out.Tampered[k]) == 0 {
			out.Tampered[k] = reasons
		}
	}
	out.Graded = again.Graded
	return out
}

// checkOnce is CheckTyped's one pass; typed says whether it had types.
func checkOnce(path string, orig, sub []byte, koans []string, pkg map[string]bool, ty *Typed) (_ File, typed bool) {
	out := File{Tampered: map[string][]string{}, Graded: sub}
	whole := func(reason string) (File, bool) {
		for _, k := range koans {
			out.Tampered[k] = append(out.Tampered[k], reason)
		}
		out.Graded = orig
		return out, true
	}
	fset := ty.fileSet()
	of, err := parser.ParseFile(fset, path, orig, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return whole(fmt.Sprintf("%s: the original does not parse: %v", path, err))
	}
	sf, err := parser.ParseFile(fset, path, sub, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		// A file that does not parse cannot compile: its koans earn nothing
		// anyway, and the learner is mid-edit, not tampering.
		return out, true
	}
	if r := directives(fset, of, sf); r != "" {
		return whole(path + ":" + r)
	}
	if r := sameImports(fset, of, sf); r != "" {
		return whole(path + ":" + r)
	}
	origFuncs, subFuncs := funcs(of), funcs(sf)
	// Each file is scanned once; the checks below take their tokens from it.
	origTokens, subTokens := tokens(orig), tokens(sub)
	if r := surroundings(fset, path, origTokens, subTokens, origFuncs, subFuncs, koans); r != "" {
		return whole(r)
	}
	// Type-checking folds constants as the compiler does, in the grader's
	// own memory: a koan whose constants grow without end is tampered, and
	// the file is typed only without it (CheckTyped's second pass).
	bombs := map[string]string{}
	for _, name := range koans {
		if fn := subFuncs[name]; fn != nil {
			if line, size := constantBomb(fset, fn); size > 0 {
				bombs[name] = fmt.Sprintf("%s:%d: the koan's constants grow past %d KiB: a ✎ block's constants are a few values, not a build's worth", path, line, size>>10)
			}
		}
	}
	var oinfo, sinfo *types.Info
	if ty != nil && len(bombs) == 0 {
		others := ty.others(fset, path, of.Name.Name)
		for _, f := range append(others, of) {
			if _, size := constantBomb(fset, f); size > 0 {
				// The originals' own: the phase's build pays for them.
				return out, true
			}
		}
		if oinfo = ty.typeCheck(fset, path, of, others); oinfo != nil {
			sinfo = ty.typeCheck(fset, path, sf, others)
		}
		if sinfo == nil {
			oinfo = nil
		}
	}
	imports := map[string]bool{}
	for _, im := range of.Imports {
		imports[importName(im)] = true
	}
	var restore []string
	for _, name := range koans {
		ofn, sfn := origFuncs[name], subFuncs[name]
		if ofn == nil {
			continue
		}
		if sfn == nil {
			out.Tampered[name] = append(out.Tampered[name], fmt.Sprintf("%s: %s was deleted", path, name))
			restore = append(restore, name)
			continue
		}
		if why, ok := bombs[name]; ok {
			out.Tampered[name] = []string{why}
			restore = append(restore, name)
			continue
		}
		c := &koanCheck{fset: fset, path: path, ofn: ofn, sfn: sfn, pkg: pkg, imports: imports, origTokens: origTokens, subTokens: subTokens, oinfo: oinfo, sinfo: sinfo}
		if reasons := c.run(); len(reasons) > 0 {
			out.Tampered[name] = reasons
			restore = append(restore, name)
		}
	}
	if len(restore) > 0 {
		out.Graded = putBack(fset, orig, sub, origFuncs, subFuncs, restore)
	}
	return out, sinfo != nil
}

func funcs(f *ast.File) map[string]*ast.FuncDecl {
	m := map[string]*ast.FuncDecl{}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil {
			m[fn.Name.Name] = fn
		}
	}
	return m
}

// importName is the name an import declares: its own, or (by convention)
// the path's last element without a major version (gormigrate/v2, yaml.v3).
func importName(im *ast.ImportSpec) string {
	if im.Name != nil {
		return im.Name.Name
	}
	p, _ := strconv.Unquote(im.Path.Value)
	elems := strings.Split(p, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && majorVersion(last) {
		last = elems[len(elems)-2]
	}
	if i := strings.Index(last, ".v"); i > 0 && majorVersion(last[i+1:]) {
		last = last[:i]
	}
	return last
}

func majorVersion(s string) bool {
	rest, ok := strings.CutPrefix(s, "v")
	if !ok || rest == "" {
		return false
	}
	_, err := strconv.Atoi(rest)
	return err == nil
}

// directives rejects compiler directives the original does not have
// (//go:linkname, //go:embed, //line): they change what the compiler builds
// or where it says an error is.
func directives(fset *token.FileSet, of, sf *ast.File) string {
	have := map[string]int{}
	for _, g := range of.Comments {
		for _, c := range g.List {
			if isDirective(c.Text) {
				have[c.Text]++
			}
		}
	}
	for _, g := range sf.Comments {
		for _, c := range g.List {
			if !isDirective(c.Text) {
				continue
			}
			if have[c.Text] == 0 {
				name := firstWord(c.Text)
				if plusBuild(c.Text) {
					name = "// +build"
				}
				return fmt.Sprintf("%d: a compiler directive (%s) was added: koan files may not carry directives", fset.Position(c.Pos()).Line, name)
			}
			have[c.Text]--
		}
	}
	return ""
}

func isDirective(text string) bool {
	return strings.HasPrefix(text, "//go:") || strings.HasPrefix(text, "//line ") || strings.HasPrefix(text, "/*line ") ||
		strings.HasPrefix(text, "//export ") || strings.HasPrefix(text, "//extern ") || plusBuild(text)
}

// plusBuild reports whether a comment is an old build constraint, which go
// still honours ("// +build ignore" drops the file from its package).
func plusBuild(text string) bool {
	rest, ok := strings.CutPrefix(text, "//")
	return ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "+build")
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i > 0 {
		return s[:i]
	}
	return s
}

// sameImports requires the submission's imports to be the original's, name
// for name: a block can only reach what the koan could already reach.
func sameImports(fset *token.FileSet, of, sf *ast.File) string {
	list := func(f *ast.File) []string {
		var out []string
		for _, im := range f.Imports {
			out = append(out, importName(im)+" "+im.Path.Value)
		}
		slices.Sort(out)
		return out
	}
	o, s := list(of), list(sf)
	if slices.Equal(o, s) {
		return ""
	}
	for _, im := range sf.Imports {
		if !slices.Contains(o, importName(im)+" "+im.Path.Value) {
			return fmt.Sprintf("%d: the import %s was added or renamed: a koan file's imports must stay as shipped", fset.Position(im.Pos()).Line, im.Path.Value)
		}
	}
	return fmt.Sprintf("%d: an import was removed: a koan file's imports must stay as shipped", fset.Position(sf.Name.Pos()).Line)
}

// surroundings compares what is around the koans, token for token: the
// package clause, helpers, declarations. Comments and layout do not count.
func surroundings(fset *token.FileSet, path string, origTokens, subTokens []tok, ofs, sfs map[string]*ast.FuncDecl, koans []string) string {
	rest := func(ts []tok, fns map[string]*ast.FuncDecl) []tok {
		var cut [][2]int
		for _, k := range koans {
			if fn := fns[k]; fn != nil {
				cut = append(cut, [2]int{fset.Position(fn.Pos()).Offset, fset.Position(fn.End()).Offset})
			}
		}
		var out []tok
		for _, t := range ts {
			inside := false
			for _, c := range cut {
				if t.off >= c[0] && t.off < c[1] {
					inside = true
				}
			}
			if !inside && t.tok != token.COMMENT {
				out = append(out, t)
			}
		}
		return out
	}
	ot, st := rest(origTokens, ofs), rest(subTokens, sfs)
	for i := range max(len(ot), len(st)) {
		if i >= len(ot) || i >= len(st) || ot[i].tok != st[i].tok || ot[i].text() != st[i].text() {
			line := 0
			if i < len(st) {
				line = st[i].line
			} else if len(st) > 0 {
				line = st[len(st)-1].line
			}
			return fmt.Sprintf("%s:%d: changed outside its koans (a helper, a declaration, a new function): only blanks and ✎ blocks are the learner's", path, line)
		}
	}
	return ""
}

// putBack rebuilds the submission with the named koans as shipped. Where the
// original is shorter, blank lines keep the koans below on their lines.
func putBack(fset *token.FileSet, orig, sub []byte, ofs, sfs map[string]*ast.FuncDecl, names []string) []byte {
	type span struct{ s, e int }
	funcSpan := func(fn *ast.FuncDecl) span {
		from := fn.Pos()
		if fn.Doc != nil {
			from = fn.Doc.Pos()
		}
		return span{fset.Position(from).Offset, fset.Position(fn.End()).Offset}
	}
	var spans []span
	var repl [][]byte
	var appended [][]byte
	for _, n := range names {
		o := funcSpan(ofs[n])
		text := orig[o.s:o.e]
		if sfs[n] == nil {
			appended = append(appended, text)
			continue
		}
		s := funcSpan(sfs[n])
		if pad := bytes.Count(sub[s.s:s.e], []byte("\n")) - bytes.Count(text, []byte("\n")); pad > 0 {
			text = append(append([]byte(nil), text...), bytes.Repeat([]byte("\n"), pad)...)
		}
		spans = append(spans, s)
		repl = append(repl, text)
	}
	order := make([]int, len(spans))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return spans[a].s - spans[b].s })
	var out bytes.Buffer
	at := 0
	for _, i := range order {
		out.Write(sub[at:spans[i].s])
		out.Write(repl[i])
		at = spans[i].e
	}
	out.Write(sub[at:])
	for _, a := range appended {
		out.WriteString("\n\n")
		out.Write(a)
		out.WriteString("\n")
	}
	return out.Bytes()
}

type tok struct {
	tok  token.Token
	lit  string
	off  int
	line int
}

func (t tok) text() string {
	if t.lit != "" && t.tok != token.SEMICOLON {
		return t.lit
	}
	return t.tok.String()
}

// tokens scans Go source with offsets; ✎ marks are tokens of their own
// (COMMENT "✎start"/"✎end"), other comments are dropped.
func tokens(src []byte) []tok {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, scanner.ScanComments)
	var out []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			return out
		}
		p := fset.Position(pos)
		if t == token.COMMENT {
			switch {
			case strip.IsRegionEnd(lit):
				out = append(out, tok{tok: token.COMMENT, lit: "✎end", off: p.Offset, line: p.Line})
			case strip.IsRegionStart(lit):
				out = append(out, tok{tok: token.COMMENT, lit: "✎start", off: p.Offset, line: p.Line})
			}
			continue
		}
		if t == token.SEMICOLON && lit == "\n" {
			lit = ""
		}
		out = append(out, tok{tok: t, lit: lit, off: p.Offset, line: p.Line})
	}
}

// hole is where the learner writes: a blank's value or a ✎ block's body,
// as byte offsets in the submission.
type hole struct {
	block    bool
	from, to int
	line     int
	// for a block: the same block in the original
	origFrom, origTo int
}

type koanCheck struct {
	fset       *token.FileSet
	path       string
	ofn, sfn   *ast.FuncDecl
	pkg        map[string]bool
	imports    map[string]bool
	reasons    []string
	subTokens  []tok
	origTokens []tok
	// oinfo and sinfo are the types of the original file and the
	// submission's, both or neither (CheckTyped).
	oinfo, sinfo *types.Info
}

func (c *koanCheck) fail(line int, format string, args ...any) {
	c.reasons = append(c.reasons, fmt.Sprintf("%s:%d: ", c.path, line)+fmt.Sprintf(format, args...))
}

func (c *koanCheck) offset(p token.Pos) int { return c.fset.Position(p).Offset }
func (c *koanCheck) line(p token.Pos) int   { return c.fset.Position(p).Line }

// within returns the tokens of src between two offsets.
func within(ts []tok, from, to int) []tok {
	var out []tok
	for _, t := range ts {
		if t.off >= from && t.off < to {
			out = append(out, t)
		}
	}
	return out
}

func (c *koanCheck) run() []string {
	to := within(c.origTokens, c.offset(c.ofn.Pos()), c.offset(c.ofn.End()))
	tg := within(c.subTokens, c.offset(c.sfn.Pos()), c.offset(c.sfn.End()))
	holes, ok := c.align(to, tg)
	if !ok {
		return c.reasons
	}
	for _, h := range holes {
		if h.block {
			c.checkBlock(h, tg)
		} else {
			c.checkBlank(h)
		}
	}
	return c.reasons
}

// align walks the original koan's tokens against the submission's: a blank
// matches one expression, a ✎ block any code up to its end mark, and every
// other token must be the same.
func (c *koanCheck) align(to, tg []tok) ([]hole, bool) {
	var holes []hole
	lineAt := func(j int) int {
		if j < len(tg) {
			return tg[j].line
		}
		return tg[len(tg)-1].line
	}
	i, j := 0, 0
	for i < len(to) {
		o := to[i]
		switch {
		case o.tok == token.IDENT && (o.lit == strip.ValueBlank || o.lit == strip.TextBlank):
			end := expressionEnd(tg, j)
			if end == j {
				c.fail(lineAt(j), "the blank was removed: a blank must hold a value")
				return nil, false
			}
			holes = append(holes, hole{from: tg[j].off, to: tg[end-1].off + len(tg[end-1].text()), line: tg[j].line})
			i, j = i+1, end
		case o.tok == token.COMMENT && o.lit == "✎start":
			if j >= len(tg) || tg[j].lit != "✎start" {
				c.fail(lineAt(j), "a ✎ block's opening line was removed")
				return nil, false
			}
			closeAt := j + 1
			for closeAt < len(tg) && tg[closeAt].lit != "✎end" {
				closeAt++
			}
			if closeAt == len(tg) {
				c.fail(tg[j].line, "the ✎ block's end line (// ✎ end) was removed")
				return nil, false
			}
			oEnd := i + 1
			for oEnd < len(to) && to[oEnd].lit != "✎end" {
				oEnd++
			}
			holes = append(holes, hole{block: true, from: tg[j].off, to: tg[closeAt].off, line: tg[j].line,
				origFrom: o.off, origTo: to[min(oEnd, len(to)-1)].off})
			i, j = oEnd+1, closeAt+1
		default:
			// A trailing comma before a closing bracket is layout, not code.
			if closing(o.tok) && j+1 < len(tg) && tg[j].tok == token.COMMA && tg[j+1].tok == o.tok {
				j++
			} else if o.tok == token.COMMA && i+1 < len(to) && closing(to[i+1].tok) && j < len(tg) && tg[j].tok == to[i+1].tok {
				i++
				continue
			}
			if j >= len(tg) || tg[j].tok != o.tok || tg[j].text() != o.text() {
				c.fail(lineAt(j), "changed outside its blanks and ✎ blocks: only those are the learner's")
				return nil, false
			}
			i, j = i+1, j+1
		}
	}
	if j < len(tg) {
		c.fail(tg[j].line, "code was added outside its blanks and ✎ blocks")
		return nil, false
	}
	return holes, true
}

func closing(t token.Token) bool {
	return t == token.RPAREN || t == token.RBRACE || t == token.RBRACK
}

// expressionEnd is where the expression starting at j ends: at a comma,
// closing bracket, colon or end of statement at its own level.
func expressionEnd(ts []tok, j int) int {
	depth := 0
	for k := j; k < len(ts); k++ {
		switch ts[k].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth == 0 {
				return k
			}
			depth--
		case token.COMMA, token.SEMICOLON, token.COLON:
			if depth == 0 {
				return k
			}
		case token.COMMENT:
			if depth == 0 {
				return k
			}
		}
	}
	return len(ts)
}

// expr finds the outermost expression of the submission's koan that spans
// exactly [from, to).
func (c *koanCheck) expr(from, to int) ast.Expr {
	var found ast.Expr
	ast.Inspect(c.sfn, func(n ast.Node) bool {
		if found != nil || n == nil {
			return false
		}
		if e, ok := n.(ast.Expr); ok && c.offset(e.Pos()) == from && c.offset(e.End()) == to {
			found = e
			return false
		}
		return c.offset(n.Pos()) <= from && c.offset(n.End()) >= to
	})
	return found
}

// checkBlank: a blank holds a value, nothing that runs or reads the koan.
func (c *koanCheck) checkBlank(h hole) {
	e := c.expr(h.from, h.to)
	if e == nil {
		c.fail(h.line, "a blank must hold one value")
		return
	}
	if why := c.value(e); why != "" {
		c.fail(c.line(e.Pos()), "a blank may hold only a value (a literal, a constant, a composite literal, a conversion): %s", why)
	}
}

var conversions = map[string]bool{}

func init() {
	for _, name := range strings.Fields("int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 float32 float64 string bool byte rune any uintptr") {
		conversions[name] = true
	}
}

// value says why an expression is not a value, or "".
func (c *koanCheck) value(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		return literal(e)
	case *ast.Ident:
		if e.Name == "true" || e.Name == "false" || e.Name == "nil" || e.Name == strip.ValueBlank || e.Name == strip.TextBlank {
			return ""
		}
		return "it names " + e.Name
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok && c.imports[x.Name] && ast.IsExported(e.Sel.Name) {
			return ""
		}
		return "it reads " + exprString(e)
	case *ast.ParenExpr:
		return c.value(e.X)
	case *ast.UnaryExpr:
		switch e.Op {
		case token.SUB, token.ADD, token.NOT, token.XOR:
			return c.value(e.X)
		case token.AND:
			if _, ok := e.X.(*ast.CompositeLit); ok {
				return c.value(e.X)
			}
		}
		return "it uses " + e.Op.String()
	case *ast.BinaryExpr:
		if why := c.value(e.X); why != "" {
			return why
		}
		return c.value(e.Y)
	case *ast.CompositeLit:
		if e.Type != nil {
			if why := c.typeExpr(e.Type); why != "" {
				return why
			}
		}
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if _, field := kv.Key.(*ast.Ident); !field {
					if why := c.value(kv.Key); why != "" {
						return why
					}
				}
				el = kv.Value
			}
			if why := c.value(el); why != "" {
				return why
			}
		}
		return ""
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && conversions[id.Name] && len(e.Args) == 1 {
			return c.value(e.Args[0])
		}
		return "it calls " + exprString(e.Fun)
	case *ast.FuncLit:
		return "it is a function literal"
	}
	return "it is " + exprString(e)
}

// typeExpr accepts the types a value may be written in: built-in types, the
// phase's own types, exported types of the file's imports.
func (c *koanCheck) typeExpr(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		if conversions[e.Name] || c.pkg[e.Name] {
			return ""
		}
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok && c.imports[x.Name] {
			return ""
		}
	case *ast.ArrayType:
		if e.Len != nil {
			if why := c.value(e.Len); why != "" {
				return why
			}
		}
		return c.typeExpr(e.Elt)
	case *ast.MapType:
		if why := c.typeExpr(e.Key); why != "" {
			return why
		}
		return c.typeExpr(e.Value)
	case *ast.StarExpr:
		return c.typeExpr(e.X)
	}
	return "its type is " + exprString(e)
}

// literal rejects control characters in a literal's value: they could draw
// on a terminal or pose as the test tool's own framing.
func literal(l *ast.BasicLit) string {
	var v string
	switch l.Kind {
	case token.STRING:
		v, _ = strconv.Unquote(l.Value)
	case token.CHAR:
		r, _, _, err := strconv.UnquoteChar(strings.Trim(l.Value, "'"), '\'')
		if err == nil {
			v = string(r)
		}
	default:
		return ""
	}
	for _, r := range v {
		if unicode.IsControl(r) {
			return fmt.Sprintf("a literal holds the control character %U", r)
		}
	}
	return ""
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.CallExpr:
		return exprString(e.Fun) + "(…)"
	case *ast.IndexExpr:
		return exprString(e.X) + "[…]"
	case *ast.StarExpr:
		return "*" + exprString(e.X)
	case *ast.UnaryExpr:
		return e.Op.String() + exprString(e.X)
	}
	return "an expression"
}

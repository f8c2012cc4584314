package tamper

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// universe is Go's predeclared names a ✎ block may use; recover, print and
// println are left out (a recovered failure, output that poses as a verdict).
var universe = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`append cap clear close complex copy delete imag len make max min new panic real
		any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string
		uint uint8 uint16 uint32 uint64 uintptr true false iota nil`) {
		universe[n] = true
	}
}

var forbiddenBuiltins = map[string]string{
	"recover": "recover (a koan's failure must stay a failure)",
	"print":   "print (a block writes nothing of its own)",
	"println": "println (a block writes nothing of its own)",
}

// harness names the fixtures calls that open a database of their own: a
// second database is one the koan's recorder does not see.
var harness = map[string]bool{"Library": true, "Empty": true}

// checkBlock applies the ✎ block rules to the code between a block's marks.
func (c *koanCheck) checkBlock(h hole, tg []tok) {
	body := within(tg, h.from+1, h.to)
	depth := 0
	for _, t := range body {
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if depth < 0 {
			c.fail(t.line, "the ✎ block closes a bracket it did not open: a block's code must stay inside it")
			return
		}
	}
	if depth != 0 {
		c.fail(h.line, "the ✎ block leaves a bracket open: a block's code must stay inside it")
		return
	}

	in := func(n ast.Node) bool { return c.offset(n.Pos()) > h.from && c.offset(n.End()) <= h.to }
	origIn := func(n ast.Node) bool {
		return c.offset(n.Pos()) > h.origFrom && c.offset(n.End()) <= h.origTo
	}

	// What is in scope at the block in the original: the file's imports,
	// the phase's package-level names, the koan's parameters and the locals
	// it declares before the block.
	outer := map[string]bool{}
	for n := range c.imports {
		outer[n] = true
	}
	for n := range c.pkg {
		outer[n] = true
	}
	before := map[string]bool{}
	declared(c.ofn.Type, func(n *ast.Ident) { before[n.Name] = true })
	declared(c.ofn.Body, func(n *ast.Ident) {
		if c.offset(n.Pos()) < h.origFrom {
			before[n.Name] = true
		}
	})
	for n := range before {
		outer[n] = true
	}

	// The koan's harness: its *testing.T and the recorder fixtures gave it.
	tName := ""
	if ps := c.sfn.Type.Params.List; len(ps) > 0 && len(ps[0].Names) == 1 {
		tName = ps[0].Names[0].Name
	}
	recorders := map[string]bool{}
	shippedUses := map[string]bool{}
	ast.Inspect(c.ofn.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 2 && len(as.Rhs) == 1 && harnessCall(as.Rhs[0]) {
			if id, ok := as.Lhs[1].(*ast.Ident); ok && id.Name != "_" {
				recorders[id.Name] = true
			}
		}
		if id, ok := n.(*ast.Ident); ok && origIn(id) {
			shippedUses[id.Name] = true
		}
		if call, ok := n.(*ast.CallExpr); ok && origIn(call) && (harnessCall(call) || givesRecorder(c.oinfo, call)) {
			shippedUses["fixtures.open"] = true
		}
		return true
	})

	// Locals the block declares, anywhere in it.
	locals := map[string]bool{}
	declared(c.sfn.Body, func(n *ast.Ident) {
		if in(n) {
			locals[n.Name] = true
		}
	})

	// The harness's names stay the harness's, at any depth of the block.
	declared(c.sfn.Body, func(n *ast.Ident) {
		if in(n) && (n.Name == tName || recorders[n.Name] || c.imports[n.Name]) {
			c.fail(c.line(n.Pos()), "the ✎ block declares %s, a name the koan's harness uses: pick another name", n.Name)
		}
	})

	refs, allowedT := references(c.sfn.Body, in)
	for _, id := range refs {
		name := id.ident.Name
		line := c.line(id.ident.Pos())
		if locals[name] {
			continue
		}
		if why, bad := forbiddenBuiltins[name]; bad && !outer[name] {
			c.fail(line, "the ✎ block uses %s", why)
			continue
		}
		if name == tName && !allowedT[id.ident] {
			c.fail(line, "the ✎ block uses the koan's %s other than to pass it to a call or call its methods: the koan's harness is not the learner's", name)
			continue
		}
		if (recorders[name] || c.recorderVar(id.ident)) && !shippedUses[name] {
			c.fail(line, "the ✎ block uses the koan's recorder %s: what the koan counts is not the learner's to change", name)
			continue
		}
		if !outer[name] && !universe[name] && !id.maybeField {
			c.fail(line, "the ✎ block uses %s, which is not in scope there in the original (a block may use the file's imports, the phase's names, the koan's own variables and locals it declares)", name)
		}
	}

	// A block inside a function literal (a transaction's body) may return
	// from that literal: the koan's own code after it still runs.
	inLiteral := false
	ast.Inspect(c.sfn.Body, func(n ast.Node) bool {
		if fl, ok := n.(*ast.FuncLit); ok && c.offset(fl.Body.Pos()) < h.from && c.offset(fl.Body.End()) > h.to {
			inLiteral = true
		}
		return !inLiteral
	})
	ast.Inspect(c.sfn.Body, func(n ast.Node) bool {
		if n == nil || !in(n) {
			return n != nil && c.offset(n.Pos()) <= h.to && c.offset(n.End()) > h.from
		}
		return c.checkNode(n, inLiteral, shippedUses["fixtures.open"])
	})

	c.checkShadowing(h, in, origIn)
}

// checkNode applies the statement rules to one node of a block. Inside a
// function literal (a transaction's body, a scope) a return ends that
// function, not the koan, so it is allowed there.
func (c *koanCheck) checkNode(n ast.Node, inLiteral, shippedOpens bool) bool {
	switch n := n.(type) {
	case *ast.GoStmt:
		c.fail(c.line(n.Pos()), "the ✎ block starts a goroutine (go statement): a koan's code runs in the koan")
	case *ast.LabeledStmt:
		c.fail(c.line(n.Pos()), "the ✎ block declares a label: blocks use no labels or goto")
	case *ast.BranchStmt:
		if n.Tok == token.GOTO || n.Label != nil {
			c.fail(c.line(n.Pos()), "the ✎ block uses %s with a label: blocks use no labels or goto", n.Tok)
		}
	case *ast.BasicLit:
		if why := literal(n); why != "" {
			c.fail(c.line(n.Pos()), "the ✎ block's %s", why)
		}
	case *ast.CallExpr:
		if (harnessCall(n) || givesRecorder(c.sinfo, n)) && !shippedOpens {
			c.fail(c.line(n.Pos()), "the ✎ block opens a database of its own (%s): the koan's recorder would not see it", exprString(n.Fun))
		}
	case *ast.SelectorExpr:
		if changesGORM(c.sinfo, n) {
			c.fail(c.line(n.Pos()), "the ✎ block changes what GORM does for every statement (%s): a koan's statements are the ones GORM builds for the calls you write", exprString(n))
		}
	case *ast.FuncLit:
		if !inLiteral {
			ast.Inspect(n.Body, func(m ast.Node) bool { return m != nil && c.checkNode(m, true, shippedOpens) })
			return false
		}
	case *ast.ReturnStmt:
		if !inLiteral {
			c.fail(c.line(n.Pos()), "the ✎ block returns from the koan itself: the assertions after the block must run")
		}
	}
	return true
}

// checkShadowing: a name the block declares at its own level must not hide
// one the koan uses after the block, unless the shipped block declares it
// too (the koan reads what the block made). A := that only assigns a name
// declared before the block in the same scope declares nothing.
func (c *koanCheck) checkShadowing(h hole, in, origIn func(ast.Node) bool) {
	usedAfter := map[string]bool{}
	ast.Inspect(c.ofn.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.offset(id.Pos()) >= h.origTo {
			usedAfter[id.Name] = true
		}
		return true
	})
	// Names already in the block's own scope: declared earlier in the same
	// statement list, or the koan's parameters when that list is its body.
	scope := map[string]bool{}
	list, isBody := statementList(c.ofn.Body, origIn)
	if isBody {
		declared(c.ofn.Type, func(n *ast.Ident) { scope[n.Name] = true })
	}
	for _, st := range list {
		if c.offset(st.End()) <= h.origFrom {
			for n := range topDeclared([]ast.Stmt{st}, nil) {
				scope[n] = true
			}
		}
	}
	shipped, _ := statementList(c.ofn.Body, origIn)
	var inBlock []ast.Stmt
	for _, st := range shipped {
		if origIn(st) {
			inBlock = append(inBlock, st)
		}
	}
	shippedTop := topDeclared(inBlock, scope)
	sub, _ := statementList(c.sfn.Body, in)
	inBlock = nil
	for _, st := range sub {
		if in(st) {
			inBlock = append(inBlock, st)
		}
	}
	for name, id := range topDeclared(inBlock, scope) {
		if usedAfter[name] && shippedTop[name] == nil {
			c.fail(c.line(id.Pos()), "the ✎ block declares %s, which hides the %s the koan uses after the block", name, name)
		}
		if shipped := shippedTop[name]; shipped != nil && c.sinfo != nil {
			was, is := varType(c.oinfo.Defs[shipped]), varType(c.sinfo.Defs[id])
			if was != "" && was != is {
				c.fail(c.line(id.Pos()), "the ✎ block declares %s as %s, where the shipped block declares it as %s: a variable the shipped block declares keeps its type", name, describe(is), was)
			}
		}
	}
}

// recorderVar reports whether id, used in a block, is a recorder the koan
// holds from before the block, however it got it (fixtures.Library, a
// phase's helper, a copy): known by its type.
func (c *koanCheck) recorderVar(id *ast.Ident) bool {
	if c.sinfo == nil {
		return false
	}
	v, ok := c.sinfo.Uses[id].(*types.Var)
	return ok && !v.IsField() && v.Parent() != v.Pkg().Scope() && isRecorder(v.Type())
}

// statementList finds the statement list the block's code sits in: the
// outermost list holding a statement inside it. isBody says whether it is
// the koan function's own body.
func statementList(body *ast.BlockStmt, in func(ast.Node) bool) (list []ast.Stmt, isBody bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		if list != nil || n == nil {
			return false
		}
		var stmts []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			stmts = n.List
		case *ast.CaseClause:
			stmts = n.Body
		case *ast.CommClause:
			stmts = n.Body
		}
		for _, s := range stmts {
			if in(s) {
				list, isBody = stmts, n == body
				return false
			}
		}
		return true
	})
	return list, isBody
}

// topDeclared lists the names the statements declare at their own level;
// a := of a name already in scope only assigns it.
func topDeclared(list []ast.Stmt, scope map[string]bool) map[string]*ast.Ident {
	out := map[string]*ast.Ident{}
	for _, s := range list {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" && !scope[id.Name] {
						out[id.Name] = id
					}
				}
			}
		case *ast.DeclStmt:
			if g, ok := s.Decl.(*ast.GenDecl); ok {
				for _, sp := range g.Specs {
					switch sp := sp.(type) {
					case *ast.ValueSpec:
						for _, id := range sp.Names {
							out[id.Name] = id
						}
					case *ast.TypeSpec:
						out[sp.Name.Name] = sp.Name
					}
				}
			}
		}
	}
	return out
}

func harnessCall(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == "fixtures" && harness[sel.Sel.Name]
}

// declared calls fn for every identifier a node declares: := and var,
// const and type names, function parameters and results, range and type
// switch variables.
func declared(n ast.Node, fn func(*ast.Ident)) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						fn(id)
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				fn(id)
			}
		case *ast.TypeSpec:
			fn(n.Name)
		case *ast.FuncType:
			for _, fl := range []*ast.FieldList{n.Params, n.Results} {
				if fl == nil {
					continue
				}
				for _, f := range fl.List {
					for _, id := range f.Names {
						fn(id)
					}
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						fn(id)
					}
				}
			}
		}
		return true
	})
}

type ref struct {
	ident *ast.Ident
	// maybeField is a composite literal's key: a struct field's name, which
	// is no reference to anything in scope.
	maybeField bool
}

// references lists the identifiers inside the block that refer to
// something in scope (not a selected field or method, not a declaration),
// and which uses of an identifier are call arguments or call receivers.
func references(body *ast.BlockStmt, in func(ast.Node) bool) ([]ref, map[*ast.Ident]bool) {
	skip := map[*ast.Ident]bool{}
	maybeField := map[*ast.Ident]bool{}
	callUse := map[*ast.Ident]bool{}
	declared(body, func(id *ast.Ident) { skip[id] = true })
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			skip[n.Sel] = true
		case *ast.CompositeLit:
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						maybeField[id] = true
					}
				}
			}
		case *ast.StructType:
			for _, f := range n.Fields.List {
				for _, id := range f.Names {
					skip[id] = true
				}
			}
		case *ast.InterfaceType:
			for _, f := range n.Methods.List {
				for _, id := range f.Names {
					skip[id] = true
				}
			}
		case *ast.CallExpr:
			for _, a := range n.Args {
				if id, ok := a.(*ast.Ident); ok {
					callUse[id] = true
				}
			}
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok {
					callUse[id] = true
				}
			}
		case *ast.LabeledStmt:
			skip[n.Label] = true
		case *ast.BranchStmt:
			if n.Label != nil {
				skip[n.Label] = true
			}
		}
		return true
	})
	var out []ref
	ast.Inspect(body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || !in(id) || skip[id] || id.Name == "_" {
			return true
		}
		out = append(out, ref{ident: id, maybeField: maybeField[id]})
		return true
	})
	return out, callUse
}

func describe(typ string) string {
	if typ == "" {
		return "something other than a variable"
	}
	return typ
}

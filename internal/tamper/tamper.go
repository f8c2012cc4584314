// Package tamper compares a submission's koans with the originals and says
// which koans were changed outside the places a learner may write: the
// blanks (__, ___) and the ✎ blocks. A tampered koan scores nothing.
//
// What it catches and what it cannot is written down in docs/grading.md.
package tamper

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/shipped"
	"github.com/gorm-koans/gorm-koans/internal/strip"
)

// Originals are the files as shipped, keyed by slash path from the
// checkout root: koans/NN_x/*.go, fixtures/**, go.mod, go.sum.
type Originals map[string][]byte

// Finding says why koans count as tampered: ID → reasons.
type Finding map[string][]string

func (f Finding) add(id, reason string) { f[id] = append(f[id], reason) }

// guarded are files outside koans/ that decide whether koans pass.
func guarded(p string) bool {
	return p == "go.mod" || p == "go.sum" || strings.HasPrefix(p, "fixtures/")
}

// Check compares the submission (its files by slash path) with the originals,
// for the koans of the original catalog.
func Check(orig Originals, sub fs.FS, koans []*catalog.Koan) Finding {
	found := Finding{}
	all := func(reason string) {
		for _, k := range koans {
			found.add(k.ID, reason)
		}
	}
	// The helpers every koan relies on, and the module's dependencies.
	for _, p := range slices.Sorted(maps.Keys(orig)) {
		if !guarded(p) {
			continue
		}
		got, err := fs.ReadFile(sub, p)
		if err != nil {
			all(p + " is missing")
			continue
		}
		if !bytes.Equal(got, orig[p]) {
			all(p + " was changed")
		}
	}
	if extra := extraFiles(orig, sub, "fixtures"); len(extra) > 0 {
		all("fixtures/ has files that were not shipped: " + strings.Join(extra, ", "))
	}
	if _, err := fs.Stat(sub, "vendor"); err == nil {
		all("a vendor/ directory replaces the module's dependencies")
	}

	byPhase := map[string][]*catalog.Koan{}
	for _, k := range koans {
		byPhase[k.Phase.Dir] = append(byPhase[k.Phase.Dir], k)
	}
	for phase, ks := range byPhase {
		dir := path.Join(catalog.KoansDir, phase)
		if extra := extraFiles(orig, sub, dir); len(extra) > 0 {
			for _, k := range ks {
				found.add(k.ID, dir+" has files that were not shipped: "+strings.Join(extra, ", "))
			}
		}
		for _, file := range filesOf(ks) {
			checkFile(found, file, orig[file], sub, ks)
		}
		// Files with no koans (the blanks, a phase's helpers) are not the
		// learner's to edit at all.
		koanFiles := filesOf(ks)
		for _, p := range slices.Sorted(maps.Keys(orig)) {
			if path.Dir(p) != dir || slices.Contains(koanFiles, p) {
				continue
			}
			if got, err := fs.ReadFile(sub, p); err != nil || !sameTokens(got, orig[p]) {
				for _, k := range ks {
					found.add(k.ID, p+" was changed")
				}
			}
		}
	}
	return found
}

func filesOf(ks []*catalog.Koan) []string {
	var out []string
	for _, k := range ks {
		if !slices.Contains(out, k.File) {
			out = append(out, k.File)
		}
	}
	return out
}

// checkFile compares one koan file: each koan function outside its blanks and
// blocks, and everything around the functions.
func checkFile(found Finding, file string, orig []byte, sub fs.FS, ks []*catalog.Koan) {
	got, err := fs.ReadFile(sub, file)
	if err != nil {
		for _, k := range ks {
			if k.File == file {
				found.add(k.ID, file+" is missing")
			}
		}
		return
	}
	if _, err := parser.ParseFile(token.NewFileSet(), file, got, parser.SkipObjectResolution); err != nil {
		// A file with a syntax error cannot compile: its koans earn nothing
		// anyway, and the learner is mid-edit, not tampering.
		return
	}
	origRest, gotRest := orig, got
	for _, k := range ks {
		if k.File != file {
			continue
		}
		os0, oe, ok := shipped.Func(file, orig, k.Name)
		if !ok {
			continue
		}
		gs, ge, ok := shipped.Func(file, got, k.Name)
		if !ok {
			found.add(k.ID, k.Name+" was deleted from "+file)
			continue
		}
		for _, reason := range compareKoan(orig[os0:oe], got[gs:ge], bytes.Count(got[:gs], []byte("\n"))) {
			found.add(k.ID, reason)
		}
		origRest = bytes.Replace(origRest, orig[os0:oe], nil, 1)
		gotRest = bytes.Replace(gotRest, got[gs:ge], nil, 1)
	}
	if reason := compareSurroundings(origRest, gotRest); reason != "" {
		for _, k := range ks {
			if k.File == file {
				found.add(k.ID, file+": "+reason)
			}
		}
	}
}

type tok struct {
	tok  token.Token
	lit  string
	line int
}

func (t tok) text() string {
	if t.lit != "" && t.tok != token.SEMICOLON {
		return t.lit
	}
	return t.tok.String()
}

// tokens scans Go source; region marks become tokens of their own so that
// blocks can be matched.
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
		line := fset.Position(pos).Line
		if t == token.COMMENT {
			switch {
			case strip.IsRegionEnd(lit):
				out = append(out, tok{tok: token.COMMENT, lit: "✎end", line: line})
			case strip.IsRegionStart(lit):
				out = append(out, tok{tok: token.COMMENT, lit: "✎start", line: line})
			}
			continue
		}
		out = append(out, tok{tok: t, lit: lit, line: line})
	}
}

func sameTokens(a, b []byte) bool {
	ta, tb := tokens(a), tokens(b)
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		if ta[i].tok != tb[i].tok || ta[i].text() != tb[i].text() {
			return false
		}
	}
	return true
}

// compareKoan walks the original function's tokens against the submission's:
// a blank matches one safe expression, a ✎ block matches any safe code, and
// everything else must be the same token.
func compareKoan(orig, got []byte, lineBase int) []string {
	to, tg := tokens(orig), tokens(got)
	for k := range tg {
		tg[k].line += lineBase
	}
	var reasons []string
	i, j := 0, 0
	for i < len(to) {
		o := to[i]
		switch {
		case o.tok == token.IDENT && (o.lit == strip.ValueBlank || o.lit == strip.TextBlank):
			end := expressionEnd(tg, j)
			if end == j {
				return append(reasons, fmt.Sprintf("line %d: the blank's place was changed", lineOf(tg, j)))
			}
			if r := unsafeCode(tg[j:end], false); r != "" {
				reasons = append(reasons, fmt.Sprintf("line %d: a blank was filled with %s", tg[j].line, r))
			}
			i, j = i+1, end
		case o.tok == token.COMMENT && o.lit == "✎start":
			if j >= len(tg) || tg[j].text() != "✎start" {
				return append(reasons, fmt.Sprintf("line %d: a ✎ block's opening line was removed", lineOf(tg, j)))
			}
			closeAt := j + 1
			for closeAt < len(tg) && tg[closeAt].text() != "✎end" {
				closeAt++
			}
			if closeAt == len(tg) {
				return append(reasons, "a ✎ block's end line was removed")
			}
			if r := unsafeCode(tg[j+1:closeAt], true); r != "" {
				reasons = append(reasons, fmt.Sprintf("line %d: the ✎ block uses %s", tg[j].line, r))
			}
			for i < len(to) && to[i].text() != "✎end" {
				i++
			}
			i, j = i+1, closeAt+1
		default:
			if j >= len(tg) || tg[j].tok != o.tok || tg[j].text() != o.text() {
				return append(reasons, fmt.Sprintf("line %d was changed outside its blanks and ✎ blocks", lineOf(tg, j)))
			}
			i, j = i+1, j+1
		}
	}
	if j < len(tg) {
		reasons = append(reasons, fmt.Sprintf("line %d: code was added outside its blanks and ✎ blocks", tg[j].line))
	}
	return reasons
}

func lineOf(ts []tok, j int) int {
	if j < len(ts) {
		return ts[j].line
	}
	if len(ts) > 0 {
		return ts[len(ts)-1].line
	}
	return 0
}

// expressionEnd is where the expression starting at j ends: at a comma,
// closing bracket, colon or end of statement at its own level.
func expressionEnd(ts []tok, j int) int {
	depth := 0
	for k := j; k < len(ts); k++ {
		switch ts[k].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE, token.COMMA, token.SEMICOLON, token.COLON:
			if depth == 0 {
				return k
			}
			if ts[k].tok != token.COMMA && ts[k].tok != token.SEMICOLON && ts[k].tok != token.COLON {
				depth--
			}
		}
	}
	return len(ts)
}

// Escapes a learner's code may not use: ways to end a test early, to skip
// its assertions, to write what go test would read as a verdict, or to
// reach around the checks.
var (
	forbiddenIdents = map[string]string{
		"os": "package os", "fmt": "package fmt", "syscall": "package syscall",
		"runtime": "package runtime", "unsafe": "package unsafe", "reflect": "package reflect",
		"log": "package log", "exec": "package exec", "io": "package io",
		"recover": "recover", "print": "print", "println": "println",
	}
	forbiddenKeywords = map[token.Token]string{token.RETURN: "return", token.GOTO: "goto"}
	guardedNames      = map[string]bool{"t": true, "assert": true, "require": true, "queries": true, "db": true}
	skipMethods       = map[string]bool{"Skip": true, "SkipNow": true, "Skipf": true, "Parallel": true}
)

// unsafeCode names the first escape in a blank's fill or a ✎ block, or "".
// A blank may hold only a value: literals, constants, conversions, composite
// literals — no function literal and no call other than a conversion.
//
// In a ✎ block, return is allowed inside a function literal (a transaction's
// body) but not at the koan's own level, where it would end the test early.
func unsafeCode(ts []tok, block bool) string {
	inLiteral := funcLiteralBodies(ts)
	for k, t := range ts {
		if name, bad := forbiddenKeywords[t.tok]; bad && !(block && t.tok == token.RETURN && inLiteral[k]) {
			return name
		}
		if t.tok != token.IDENT {
			if !block && t.tok == token.FUNC {
				return "a function literal"
			}
			continue
		}
		next := token.ILLEGAL
		if k+1 < len(ts) {
			next = ts[k+1].tok
		}
		selected := k > 0 && ts[k-1].tok == token.PERIOD
		if selected {
			if skipMethods[t.lit] && k > 1 && ts[k-2].lit == "t" {
				return "t." + t.lit
			}
			if !block && next == token.LPAREN {
				return "a call to " + t.lit
			}
			continue
		}
		if name, bad := forbiddenIdents[t.lit]; bad {
			return name
		}
		if !block && guardedNames[t.lit] {
			return "the koan's " + t.lit
		}
		if guardedNames[t.lit] && t.lit != "db" && assignedTo(ts, k) {
			return "an assignment to " + t.lit
		}
		if !block && next == token.LPAREN && !conversions[t.lit] {
			return "a call to " + t.lit
		}
	}
	return ""
}

// funcLiteralBodies marks the tokens that lie inside the body of a function
// literal: the first { after func at the literal's own nesting level opens it.
func funcLiteralBodies(ts []tok) map[int]bool {
	inside := map[int]bool{}
	depth := 0      // brackets of any kind
	var opens []int // depth at which each pending or open literal body starts
	pending := -1   // depth of a func keyword whose body has not opened yet
	for k, t := range ts {
		if len(opens) > 0 {
			inside[k] = true
		}
		switch t.tok {
		case token.FUNC:
			pending = depth
		case token.LBRACE:
			if pending == depth {
				opens = append(opens, depth)
				pending = -1
			}
			depth++
		case token.LPAREN, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACK:
			depth--
		case token.RBRACE:
			depth--
			if n := len(opens); n > 0 && opens[n-1] == depth {
				opens = opens[:n-1]
			}
		}
	}
	return inside
}

// assignedTo reports whether the identifier at k is on the left of an
// assignment: followed, within its statement and at its own nesting level,
// by = or := with only identifiers and commas in between.
func assignedTo(ts []tok, k int) bool {
	for j := k + 1; j < len(ts); j++ {
		switch ts[j].tok {
		case token.ASSIGN, token.DEFINE:
			return true
		case token.COMMA, token.IDENT:
			continue
		}
		return false
	}
	return false
}

var conversions = map[string]bool{}

func init() {
	for _, name := range strings.Fields("int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 float32 float64 string bool byte rune any uintptr complex64 complex128") {
		conversions[name] = true
	}
}

// compareSurroundings compares what is around the koan functions: the
// package clause, imports and helpers. A learner may add imports for a ✎
// block, but not from this module and not of the forbidden packages.
func compareSurroundings(orig, got []byte) string {
	oi, orest := splitImports(orig)
	gi, grest := splitImports(got)
	if !sameTokens(orest, grest) {
		return "changed outside its koans (a helper, a declaration, the package clause)"
	}
	for name, p := range oi {
		if gi[name] != p {
			return "an import was removed or renamed: " + strconv.Quote(p)
		}
	}
	for name, p := range gi {
		if _, ok := oi[name]; ok {
			continue
		}
		first, _, _ := strings.Cut(p, "/")
		if strings.HasPrefix(p, "github.com/gorm-koans/") || forbiddenIdents[path.Base(p)] != "" || (strings.Contains(first, ".") && !strings.HasPrefix(p, "gorm.io/")) {
			return "an import that koans may not add: " + strconv.Quote(p)
		}
		if name != path.Base(p) && name != "_" {
			return "an import under another name: " + name + " " + strconv.Quote(p)
		}
	}
	return ""
}

// splitImports takes the import declarations out of a file's source and
// returns them (local name → path) and the rest.
func splitImports(src []byte) (map[string]string, []byte) {
	ts := tokens(src)
	imports := map[string]string{}
	var rest bytes.Buffer
	for k := 0; k < len(ts); k++ {
		if ts[k].tok != token.IMPORT {
			rest.WriteString(ts[k].text() + " ")
			continue
		}
		k++
		grouped := k < len(ts) && ts[k].tok == token.LPAREN
		if grouped {
			k++
		}
		for ; k < len(ts); k++ {
			if grouped && ts[k].tok == token.RPAREN {
				break
			}
			if ts[k].tok == token.SEMICOLON {
				if !grouped {
					break
				}
				continue
			}
			name := ""
			if ts[k].tok == token.IDENT || ts[k].tok == token.PERIOD {
				name = ts[k].text()
				k++
			}
			if k < len(ts) && ts[k].tok == token.STRING {
				p, _ := strconv.Unquote(ts[k].lit)
				if name == "" {
					name = path.Base(p)
				}
				imports[name] = p
			}
			if !grouped {
				break
			}
		}
	}
	return imports, rest.Bytes()
}

// extraFiles lists the .go files under dir in the submission that the
// originals do not have.
func extraFiles(orig Originals, sub fs.FS, dir string) []string {
	var extra []string
	_ = fs.WalkDir(sub, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		if _, ok := orig[p]; !ok {
			extra = append(extra, path.Base(p))
		}
		return nil
	})
	return extra
}

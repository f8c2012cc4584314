// Package catalog finds the phases and koans of a checkout, in the order a
// learner meets them: phase directories by number, files by name, koans in
// source order. It reads sources only; it never runs them.
package catalog

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/strip"
)

// Dirs of a checkout, relative to its root.
const (
	KoansDir     = "koans"
	SolutionsDir = "solutions"
)

// PhaseGlob matches a phase's directory name ("04_session") in a glob
// pattern: the one spelling of what a phase is, for those who list them.
const PhaseGlob = "[0-9][0-9]_*"

// PhaseOrAll is the glob of one phase's directory, or of every phase's
// when phase is "".
func PhaseOrAll(phase string) string {
	if phase == "" {
		return PhaseGlob
	}
	return phase
}

// Phase is one directory of koans, e.g. koans/04_session.
type Phase struct {
	Dir    string // "04_session"
	Number int
	Title  string // from the README's first heading, badge removed
	Badge  string // 🟢 🟡 🔴
	Points int    // per koan, unless a koan says otherwise: "Points per koan: N" in the README
	Koans  []*Koan
	// Idea is the first sentence of the README after its heading: what
	// the phase opens with.
	Idea string
	// Missing lists the shipped files of the phase (koans or helpers) that
	// are not in the checkout, path from the root.
	Missing []string
	// Skipped are the koans about another database than the one the path
	// runs on (Catalog.On): listed, never run, not counted.
	Skipped []*Koan
	// Ending says the phase's README holds the path's ending ("## The end
	// of the path"): what to build next, named by the end screen.
	Ending bool
	// Unparsed lists the files of the phase whose source does not parse,
	// path from the root: the koans read from them may be fewer than they
	// hold (KeepShipped puts the others back).
	Unparsed []string
}

// Koan is one TestXxx function.
type Koan struct {
	ID      string // "04_session/TestNoIdentityMap"
	Phase   *Phase
	Name    string // "TestNoIdentityMap"
	File    string // path from the checkout root, slash-separated
	Line    int    // line of the func keyword
	EndLine int
	Title   string // first sentence of the prompt
	Prompt  string // the doc comment, without the Hint paragraph
	Hint    string
	Points  int // what passing it is worth: "Points: N" in its doc comment, else the phase's
	// Docs is the page of GORM's documentation (or pkg.go.dev) the koan
	// teaches from: a "Docs: URL" line in its doc comment.
	Docs string
	// SQLAfterFirstTry holds back the SQL panel until the learner has filled
	// the blanks once and is still wrong: a "SQL: after first try" line.
	SQLAfterFirstTry bool
	// Databases are the only databases the koan is about, from its
	// "Database: postgres" line; none means every database.
	Databases []string
	Blanks    []Blank  // unfilled blanks, in source order
	Regions   []Region // ✎ blocks
	// Questions are the lines that end in a comment asking a question:
	// a blank's line, filled in or not.
	Questions []int
	// Missing is true when the koan's file was shipped but is not in the
	// checkout: the koan is known from the originals, and cannot run.
	Missing bool
}

// Blank is an unfilled __ or ___ in a koan's source.
type Blank struct {
	Line    int
	Column  int
	Comment string // the trailing line comment that says what to put there
}

// Region is a "✎ change only this block" block, from its opening to its end line.
type Region struct{ Start, End int }

// Catalog is every phase of a checkout, in order.
type Catalog struct {
	Root   string
	Phases []*Phase
}

var phaseDir = regexp.MustCompile(`^(\d\d)_[a-z0-9_]+$`)

// Load reads the koans under root/koans.
func Load(root string) (*Catalog, error) {
	return LoadDir(root, KoansDir)
}

// LoadDir reads the koans under root/dir (koans or solutions).
func LoadDir(root, dir string) (*Catalog, error) {
	c, err := LoadFS(os.DirFS(root), dir)
	if err != nil {
		return nil, err
	}
	c.Root = root
	return c, nil
}

// LoadFS reads the koans under dir (koans or solutions) of fsys: a
// checkout, or originals held in memory, with nothing written to disk.
// Paths are slash-separated, from fsys's root.
func LoadFS(fsys fs.FS, dir string) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	c := &Catalog{}
	for _, e := range entries {
		m := phaseDir.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		p, err := LoadPhase(fsys, dir, e.Name())
		if err != nil {
			return nil, err
		}
		c.Phases = append(c.Phases, p)
	}
	if len(c.Phases) == 0 {
		return nil, fmt.Errorf("no phases (NN_name directories) in %s", dir)
	}
	return c, nil
}

// LoadPhase reads one phase, name, under dir of fsys: what a save in that
// phase changes, without reading the others again.
func LoadPhase(fsys fs.FS, dir, name string) (*Phase, error) {
	p := &Phase{Dir: name, Title: name, Points: 1}
	fmt.Sscanf(name, "%d", &p.Number)
	readme, err := fs.ReadFile(fsys, path.Join(KoansDir, name, "README.md"))
	if err == nil {
		p.Title, p.Badge = heading(string(readme))
		p.Idea = firstIdea(string(readme))
		if n, ok := pointsLine(string(readme), "Points per koan:"); ok {
			p.Points = n
		}
		p.Ending = strings.Contains(string(readme), "\n## The end of the path")
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s README: %w", name, err)
	}
	files, err := fs.Glob(fsys, path.Join(dir, name, "*_test.go"))
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", name, err)
	}
	slices.Sort(files)
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f, err)
		}
		koans, parsed, err := parseFile(f, src, p)
		if err != nil {
			return nil, err
		}
		if !parsed {
			p.Unparsed = append(p.Unparsed, f)
		}
		p.Koans = append(p.Koans, koans...)
	}
	return p, nil
}

var badges = []string{"🟢", "🟡", "🔴"}

// heading returns the README's first "# " heading as a title and badge:
// "# 04 · The session 🔴" gives ("The session", "🔴").
func heading(readme string) (title, badge string) {
	for line := range strings.SplitSeq(readme, "\n") {
		h, ok := strings.CutPrefix(line, "# ")
		if !ok {
			continue
		}
		for _, b := range badges {
			if strings.Contains(h, b) {
				badge = b
				h = strings.ReplaceAll(h, b, "")
			}
		}
		if _, rest, ok := strings.Cut(h, "·"); ok {
			h = rest
		}
		return strings.TrimSpace(h), badge
	}
	return "", ""
}

// firstIdea is the first sentence of a README's first paragraph of prose.
func firstIdea(readme string) string {
	for para := range strings.SplitSeq(readme, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, ">") || strings.HasPrefix(para, "|") || strings.HasPrefix(para, "```") {
			continue
		}
		// Bold is markup a terminal cannot show; code spans read as code.
		return strings.ReplaceAll(firstSentence(para), "**", "")
	}
	return ""
}

// parseFile reads the koans of one file's source; rel is its path from the
// checkout root. parsed is false when the source has a syntax error.
func parseFile(rel string, src []byte, p *Phase) (koans []*Koan, parsed bool, err error) {
	blanks, regions, questions := scanBlanks(src)

	fset := token.NewFileSet()
	file, perr := parser.ParseFile(fset, rel, src, parser.ParseComments|parser.SkipObjectResolution)
	if file == nil {
		return nil, false, fmt.Errorf("parsing %s: %w", rel, perr)
	}
	// A file that does not parse still yields the koans it declares, so the
	// CLI can list them and say which one holds the syntax error.
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || !isTestName(fn.Name.Name) {
			continue
		}
		k := &Koan{
			ID:      p.Dir + "/" + fn.Name.Name,
			Phase:   p,
			Name:    fn.Name.Name,
			File:    rel,
			Line:    fset.Position(fn.Pos()).Line,
			EndLine: fset.Position(fn.End()).Line,
		}
		doc := fn.Doc.Text()
		k.Docs, doc = takeLine(doc, "Docs:")
		var sqlWhen string
		sqlWhen, doc = takeLine(doc, "SQL:")
		k.SQLAfterFirstTry = sqlWhen == "after first try"
		k.Databases = dbenv.Of(doc)
		_, doc = takeLine(doc, dbenv.Line)
		k.Prompt, k.Hint = splitDoc(fn.Name.Name, doc)
		k.Title = firstSentence(k.Prompt)
		k.Points = p.Points
		if n, ok := pointsLine(k.Prompt, "Points:"); ok {
			k.Points = n
			k.Prompt = strings.TrimSpace(removeLine(k.Prompt, "Points:"))
		}
		for _, b := range blanks {
			if b.Line >= k.Line && b.Line <= k.EndLine {
				k.Blanks = append(k.Blanks, b)
			}
		}
		for _, r := range regions {
			if r.Start >= k.Line && r.Start <= k.EndLine {
				k.Regions = append(k.Regions, r)
			}
		}
		for _, q := range questions {
			if q >= k.Line && q <= k.EndLine {
				k.Questions = append(k.Questions, q)
			}
		}
		koans = append(koans, k)
	}
	return koans, perr == nil, nil
}

// pointsLine finds "Points: N" (or another prefix) alone on a line.
func pointsLine(text, prefix string) (int, bool) {
	for line := range strings.SplitSeq(text, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
			var n int
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d", &n); err == nil && n >= 0 {
				return n, true
			}
		}
	}
	return 0, false
}

// takeLine finds the line "prefix value" in a doc comment and returns the
// value and the comment without that line.
func takeLine(text, prefix string) (value, rest string) {
	for line := range strings.SplitSeq(text, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
			return strings.TrimSpace(v), removeLine(text, prefix)
		}
	}
	return "", text
}

func removeLine(text, prefix string) string {
	var kept []string
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), prefix) {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

func isTestName(name string) bool {
	rest, ok := strings.CutPrefix(name, "Test")
	return ok && (rest == "" || !('a' <= rest[0] && rest[0] <= 'z'))
}

// splitDoc separates a doc comment into the prompt and its "Hint:" paragraph,
// and drops the leading "TestName:" that Go doc comments start with.
func splitDoc(name, doc string) (prompt, hint string) {
	doc = strings.TrimSpace(doc)
	doc = strings.TrimSpace(strings.TrimPrefix(doc, name+":"))
	doc = strings.TrimSpace(strings.TrimPrefix(doc, name))
	var kept []string
	for para := range strings.SplitSeq(doc, "\n\n") {
		if h, ok := strings.CutPrefix(strings.TrimSpace(para), "Hint:"); ok {
			hint = capitalized(strings.Join(strings.Fields(h), " "))
			continue
		}
		kept = append(kept, para)
	}
	prompt = strings.TrimSpace(strings.Join(kept, "\n\n"))
	return capitalized(prompt), hint
}

// capitalized starts a sentence with a capital letter, unless it starts with
// code (gorm.Open, db.First), whose case is part of its name.
func capitalized(text string) string {
	if word, _, _ := strings.Cut(text, " "); plainWord(word) {
		return strings.ToUpper(text[:1]) + text[1:]
	}
	return text
}

// plainWord reports whether a prompt's first word is an English word that
// starts a sentence with a capital, not code such as gorm.Open or db.First.
func plainWord(word string) bool {
	if word == "" {
		return false
	}
	for _, r := range word {
		if !unicode.IsLetter(r) && r != '\'' && r != ',' && r != '-' {
			return false
		}
	}
	return true
}

func firstSentence(prompt string) string {
	para, _, _ := strings.Cut(prompt, "\n\n")
	para = strings.Join(strings.Fields(para), " ")
	for i := 0; i < len(para); i++ {
		if para[i] == '.' && (i+1 == len(para) || para[i+1] == ' ') {
			return para[:i+1]
		}
	}
	return para
}

// scanBlanks finds the __ and ___ identifiers and ✎ blocks left in a koan.
func scanBlanks(src []byte) ([]Blank, []Region, []int) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, scanner.ScanComments)
	var blanks []Blank
	var questions []int
	pending := -1 // index of the last blank, waiting for a comment on its line
	codeLine := 0 // the last line that held code
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		p := fset.Position(pos)
		if tok != token.COMMENT && tok != token.SEMICOLON {
			codeLine = p.Line
		}
		if tok == token.COMMENT && codeLine == p.Line && strings.HasPrefix(lit, "//") && strings.HasSuffix(strings.TrimSpace(lit), "?") {
			questions = append(questions, p.Line)
		}
		switch {
		case tok == token.IDENT && (lit == strip.ValueBlank || lit == strip.TextBlank):
			blanks = append(blanks, Blank{Line: p.Line, Column: p.Column})
			pending = len(blanks) - 1
		case tok == token.COMMENT && pending >= 0 && blanks[pending].Line == p.Line && strings.HasPrefix(lit, "//"):
			comment := strings.TrimSpace(strings.TrimPrefix(lit, "//"))
			for i := pending; i >= 0 && blanks[i].Line == p.Line; i-- {
				blanks[i].Comment = comment
			}
			pending = -1
		}
	}
	var regions []Region
	open := 0
	for i, line := range strings.Split(string(src), "\n") {
		switch {
		case strip.IsRegionStart(line):
			open = i + 1
		case strip.IsRegionEnd(line) && open > 0:
			regions = append(regions, Region{Start: open, End: i + 1})
			open = 0
		}
	}
	return blanks, regions, questions
}

// On keeps, in every phase, the koans that run on database db (dbenv's
// names), and moves the others to the phase's Skipped: a koan about
// PostgreSQL only is not part of the SQLite path, and the other way round.
// It returns c.
func (c *Catalog) On(db string) *Catalog {
	for _, p := range c.Phases {
		var keep []*Koan
		for _, k := range p.Koans {
			if dbenv.Applies(k.Databases, db) {
				keep = append(keep, k)
			} else {
				p.Skipped = append(p.Skipped, k)
			}
		}
		p.Koans = keep
	}
	return c
}

// Koans lists every koan in order.
func (c *Catalog) Koans() []*Koan {
	var all []*Koan
	for _, p := range c.Phases {
		all = append(all, p.Koans...)
	}
	return all
}

// Koan finds a koan by ID ("04_session/TestNoIdentityMap") or, when the name
// is unique, by its bare test name.
func (c *Catalog) Koan(name string) (*Koan, bool) {
	var found *Koan
	for _, k := range c.Koans() {
		if k.ID == name {
			return k, true
		}
		if k.Name == name {
			if found != nil {
				return nil, false
			}
			found = k
		}
	}
	return found, found != nil
}

// Phase finds a phase by directory ("04_session") or number ("4", "04").
func (c *Catalog) Phase(name string) (*Phase, bool) {
	for _, p := range c.Phases {
		if p.Dir == name || fmt.Sprintf("%02d", p.Number) == name || fmt.Sprint(p.Number) == name {
			return p, true
		}
	}
	return nil, false
}

// Position reports which koan holds a line of a file, if any.
func (c *Catalog) Position(file string, line int) (*Koan, bool) {
	for _, k := range c.Koans() {
		if k.File == file && line >= k.Line && line <= k.EndLine {
			return k, true
		}
	}
	return nil, false
}

// Unfinished reports whether the koan's source still holds a blank.
func (k *Koan) Unfinished() bool { return len(k.Blanks) > 0 }

// BlankOn returns the blank on a line, if there is one.
func (k *Koan) BlankOn(line int) (Blank, bool) {
	for _, b := range k.Blanks {
		if b.Line == line {
			return b, true
		}
	}
	return Blank{}, false
}

// RegionAround returns the ✎ block a line is in, or the last block above it.
func (k *Koan) RegionAround(line int) (Region, bool) {
	var best Region
	found := false
	for _, r := range k.Regions {
		if r.Start <= line {
			best, found = r, true
		}
	}
	return best, found
}

// Package is the Go package path of a phase directory, relative to the root.
func (p *Phase) Package(dir string) string {
	return "./" + dir + "/" + p.Dir
}

// Package strip turns a solved koan file into the file a learner is given:
// marked answers become blanks and marked blocks go back to their shipped code.
//
// In a solution file:
//
//	assert.Equal(t, /*__*/ 3, queries.Count("SELECT"))   // the koan gets __
//	db.Table(/*___*/ "books")                             // the koan gets ___
//
//	// ✎ change only this block
//	//koan: db.Find(&authors)            ← the koan gets this line, uncommented
//	db.Preload("Books").Find(&authors)   ← only the solution has this one
//	//dodge loop: db.Find(&authors)       ← a wrong way to do it: dev check runs it, it must fail
//	//honest all: db.Preload(clause.Associations).Find(&authors)  ← another right way: it must pass
//	// ✎ end
package strip

import (
	"bytes"
	"fmt"
	"go/format"
	"go/scanner"
	"go/token"
	"regexp"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
)

// Markers written in solution files and the blanks they leave in koans.
const (
	ValueMarker  = "/*" + ValueBlank + "*/"
	TextMarker   = "/*" + TextBlank + "*/"
	ValueBlank   = koanfmt.ValueBlank
	TextBlank    = koanfmt.TextBlank
	RegionStart  = "// ✎"
	RegionEnd    = "// ✎ end"
	ShippedCode  = "//koan:"
	DodgeCode    = "//dodge"
	HonestCode   = "//honest"
	blankPrefixC = "/*_"
)

// Koan returns the shipped koan for a solution file's source.
func Koan(filename string, solution []byte) ([]byte, error) {
	src, err := stripRegions(filename, solution)
	if err != nil {
		return nil, err
	}
	src, err = stripBlanks(filename, src)
	if err != nil {
		return nil, err
	}
	out, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("%s: the stripped koan is not valid Go: %w", filename, err)
	}
	return out, nil
}

// IsRegionStart reports whether a line opens a "change only this block" region.
func IsRegionStart(line string) bool {
	line = strings.TrimSpace(line)
	return strings.HasPrefix(line, RegionStart) && !IsRegionEnd(line)
}

// IsRegionEnd reports whether a line closes a region.
func IsRegionEnd(line string) bool {
	return strings.TrimSpace(line) == RegionEnd
}

// IsDodge reports whether a line is one of a dodge's lines ("//dodge NAME:
// code") or of an honest alternative's ("//honest NAME: code"): the
// authors' variants of a ✎ block, never shown to learners.
func IsDodge(line string) bool {
	line = strings.TrimSpace(line)
	return strings.HasPrefix(line, DodgeCode) || strings.HasPrefix(line, HonestCode)
}

// IsHonest reports whether a variant line is an honest alternative's: a
// right way to do the block that is not the solution's, which must pass.
func IsHonest(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), HonestCode)
}

var dodgeName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ParseDodge splits a variant line, "//dodge NAME: code" or "//honest NAME:
// code", into the variant's name and one line of its code.
func ParseDodge(line string) (name, code string, err error) {
	marker := DodgeCode
	if IsHonest(line) {
		marker = HonestCode
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), marker)
	if !ok {
		return "", "", fmt.Errorf("not a dodge line")
	}
	name, code, ok = strings.Cut(rest, ":")
	name = strings.TrimSpace(name)
	if !ok || !strings.HasPrefix(rest, " ") || !dodgeName.MatchString(name) {
		return "", "", fmt.Errorf("a %s line reads %q, NAME in kebab-case (raw-sql, filter-in-go)", marker[2:], marker+" NAME: one line of Go")
	}
	return name, strings.TrimPrefix(code, " "), nil
}

func stripRegions(filename string, src []byte) ([]byte, error) {
	lines := strings.SplitAfter(string(src), "\n")
	var out strings.Builder
	inside, start := false, 0
	for i, line := range lines {
		switch {
		case IsRegionStart(line):
			if inside {
				return nil, fmt.Errorf("%s:%d: a ✎ block opens inside the block opened at line %d", filename, i+1, start)
			}
			inside, start = true, i+1
			out.WriteString(line)
		case IsRegionEnd(line):
			if !inside {
				return nil, fmt.Errorf("%s:%d: a ✎ end has no block to close", filename, i+1)
			}
			inside = false
			out.WriteString(line)
		case IsDodge(line):
			// A dodge is the authors' proof that the koan checks its
			// technique: the learner never sees it.
			if !inside {
				return nil, fmt.Errorf("%s:%d: a dodge outside a ✎ block (dodges replace a block's solution code)", filename, i+1)
			}
			if _, _, err := ParseDodge(line); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", filename, i+1, err)
			}
		case inside:
			trimmed := strings.TrimLeft(line, " \t")
			if code, ok := strings.CutPrefix(trimmed, ShippedCode); ok {
				indent := line[:len(line)-len(trimmed)]
				out.WriteString(indent + strings.TrimPrefix(code, " "))
			}
		default:
			out.WriteString(line)
		}
	}
	if inside {
		return nil, fmt.Errorf("%s:%d: the ✎ block is never closed with %q", filename, start, RegionEnd)
	}
	return []byte(out.String()), nil
}

func stripBlanks(filename string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file := fset.AddFile(filename, -1, len(src))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, src, func(pos token.Position, msg string) { errs.Add(pos, msg) }, scanner.ScanComments)

	var out bytes.Buffer
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT || (lit != ValueMarker && lit != TextMarker) {
			if tok == token.COMMENT && strings.HasPrefix(lit, blankPrefixC) && strings.HasSuffix(lit, "_*/") {
				return nil, fmt.Errorf("%s: unknown blank marker %s (use %s or %s)", fset.Position(pos), lit, ValueMarker, TextMarker)
			}
			continue
		}
		start := file.Offset(pos)
		end, comma, err := answerEnd(&s, file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fset.Position(pos), err)
		}
		blank := ValueBlank
		if lit == TextMarker {
			blank = TextBlank
		}
		out.Write(src[last:start])
		if comma {
			out.WriteString(", ")
		}
		out.WriteString(blank)
		last = end
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// answerEnd scans the expression after a marker and returns the offset just
// past it: everything up to a comma, closing bracket, colon or end of
// statement at the expression's own nesting level. gofmt moves a comment
// that follows a comma in front of it ("f(a /*__*/, 3)"); comma reports that
// the answer came after such a comma.
func answerEnd(s *scanner.Scanner, file *token.File) (end int, comma bool, err error) {
	depth := 0
	end = -1
	noAnswer := fmt.Errorf("a blank marker with no answer after it")
	for {
		pos, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			if end < 0 {
				return 0, false, noAnswer
			}
			return end, comma, nil
		case token.COMMENT:
			continue
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE, token.COMMA, token.SEMICOLON, token.COLON:
			if depth == 0 && tok == token.COMMA && end < 0 && !comma {
				comma = true
				continue
			}
			if depth == 0 {
				if end < 0 {
					return 0, false, noAnswer
				}
				return end, comma, nil
			}
			if tok == token.RPAREN || tok == token.RBRACK || tok == token.RBRACE {
				depth--
			}
		}
		end = file.Offset(pos) + tokenLen(tok, lit)
	}
}

func tokenLen(tok token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(tok.String())
}

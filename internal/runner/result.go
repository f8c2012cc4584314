// Package runner runs koans with `go test -json` and turns what the stream
// says into one Result per koan. What the fixtures add to the stream (the
// SQL a koan sent, the blanks) is read by fixtures/koanfmt's contract.
package runner

import "github.com/gorm-koans/gorm-koans/internal/catalog"

// Status is a koan's verdict.
type Status string

// Statuses a koan can have.
const (
	Pass         Status = "pass"
	Fail         Status = "fail"
	CompileError Status = "compile_error"
	Panic        Status = "panic"
	Timeout      Status = "timeout"
)

// Result is what one run says of one koan.
type Result struct {
	Koan    *catalog.Koan
	Status  Status
	Message string           // what to look at, in a sentence or a few lines
	File    string           // where to look, relative to the checkout, slash-separated
	Line    int              // 0 if unknown
	SQL     []string         // what the koan sent, arguments inlined, when it failed
	Plans   map[int][]string // a statement's plan by its number in SQL (from 1), when the koan asked for plans
	Details []string         // the raw output behind Message: assertion, compiler errors, panic frames
}

// Passed reports whether the koan passed.
func (r Result) Passed() bool { return r.Status == Pass }

// Package runner runs koans with `go test -json` and turns what the stream
// says into one Result per koan. What the fixtures add to the stream (the
// SQL a koan sent, the blanks) is read by fixtures/koanfmt's contract.
package runner

import (
	"fmt"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
)

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
	// Elapsed is how long the koan ran, as go test -json timed it (0 when
	// it did not run): JUnit's time, never part of a verdict.
	Elapsed time.Duration
}

// Passed reports whether the koan passed.
func (r Result) Passed() bool { return r.Status == Pass }

// Missing is the verdict of a koan that could not run because something of
// it is missing (why says what, and how to get it back): a failure, at the
// koan's own line.
func Missing(k *catalog.Koan, why string) Result {
	return Result{Koan: k, Status: Fail, File: k.File, Line: k.Line, Message: why}
}

// MissingFile is the verdict of a koan whose file the learner's checkout
// lacks.
func MissingFile(k *catalog.Koan) Result {
	return Missing(k, fmt.Sprintf("its file is missing: `koans reset %s` restores it", k.ID))
}

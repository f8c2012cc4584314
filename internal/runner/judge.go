package runner

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"

	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/testjson"
)

// Judge gives a koan's verdict from a stream. ran is false when the koan
// never got to run (its test binary died first) and a rerun may tell more.
func Judge(root, dir string, stream *testjson.Stream, k *catalog.Koan) (res Result, ran bool) {
	res = Result{Koan: k, File: k.File, Line: k.Line}
	pkg := packageFor(stream, dir, k.Phase)
	if pkg == nil {
		res.Status = CompileError
		res.Message = "go test said nothing of this phase"
		if msgs := stream.Messages(); len(msgs) > 0 {
			res.Message = "go could not run this phase: " + msgs[0]
			res.Details = msgs
		}
		return res, true
	}
	if pkg.BuildFailed() || (pkg.SetupFailed() && len(pkg.Tests) == 0) {
		return compileError(root, dir, res, pkg), true
	}
	t := pkg.Tests[k.Name]
	switch {
	case t == nil && pkg.Action == testjson.Fail:
		res.Status = Fail
		res.Message = "did not run: an earlier koan of this phase crashed its test binary"
		if timedOut(pkg.Output) {
			res.Status = Timeout
			res.Message = "did not run: this phase's tests ran out of time"
		}
		return res, false
	case t == nil:
		res.Status = Fail
		res.Message = "did not run: go test found no such test (is its name spelled TestXxx?)"
		return res, true
	}
	res.SQL = sqlOf(t)
	res.Plans = plansOf(t)
	res.Elapsed = t.Elapsed
	switch t.Action {
	case testjson.Pass:
		res.Status = Pass
		return res, true
	case testjson.Skip:
		res.Status = Fail
		res.Message = "skipped: a koan counts only when it runs and passes"
		res.Details = t.Output
		return res, true
	}
	if timedOut(pkg.Output) || timedOut(t.Output) {
		res.Status = Timeout
		res.Message = "ran out of time: a loop that never ends, or a query waiting for a connection the koan holds"
		res.Details = t.Output
		return res, true
	}
	if t.Panicked() || t.Action == "" {
		return panicked(root, res, t, pkg), true
	}
	return answered(hideAnswer(failed(root, dir, res, t))), true
}

// answered words the failure of a blank the learner filled in: its line
// still ends with the blank's question ("// how many SELECTs?"), and the
// blank is the assertion's expected value, so testify's "expected 0, actual
// 1969" calls the learner's guess "expected". It says "you said 0 — GORM
// gave 1969" instead, without Go's type names when the values differ.
func answered(res Result) Result {
	rest, ok := strings.CutPrefix(res.Message, "Not equal: expected ")
	if !ok || res.File != res.Koan.File || !slices.Contains(res.Koan.Questions, res.Line) {
		return res
	}
	head, more, _ := strings.Cut(rest, "\n")
	said, gave, ok := strings.Cut(head, ", actual ")
	if !ok {
		return res
	}
	if a, b := untyped(said), untyped(gave); a != b {
		said, gave = a, b
	}
	res.Message = "you said " + said + " — GORM gave " + gave
	if more != "" {
		res.Message += "\n" + more
	}
	return res
}

// typed is a value testify wrote with its Go type: int64(2), uint(3).
var typed = regexp.MustCompile(`^[a-z][a-z0-9]*\((.*)\)$`)

func untyped(v string) string {
	if m := typed.FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return v
}

// hideAnswer replaces the assertion of an unfilled blank, which would show
// the answer ("expected: __, actual: 3"), by a pointer to the blank and the
// question its line asks.
func hideAnswer(res Result) Result {
	if res.File != res.Koan.File {
		return res
	}
	blank, ok := res.Koan.BlankOn(res.Line)
	if !ok {
		// A blank's value compared on a line the catalog does not know as
		// a blank's: still never show the answer beside it.
		if strings.Contains(res.Message, koanfmt.BlankType) {
			res.Message, res.Details = "fill in the blank on this line", nil
		}
		return res
	}
	res.Message = "fill in the blank"
	if blank.Comment != "" {
		res.Message += ": " + blank.Comment
	}
	res.Details = nil
	return res
}

func compileError(root, dir string, res Result, pkg *testjson.Package) Result {
	res.Status = CompileError
	lines := pkg.BuildOutput
	if len(lines) == 0 {
		lines = pkg.Output
	}
	res.Details = lines
	for _, line := range lines {
		if file, n, msg, ok := CompilerLine(line); ok {
			res.File, res.Line = relative(root, file), n
			res.Message = "does not compile: " + msg
			return res
		}
	}
	res.Message = "this phase does not compile"
	for _, line := range lines {
		if !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "FAIL") && strings.TrimSpace(line) != "" {
			res.Message = "does not compile: " + strings.TrimSpace(line)
			break
		}
	}
	return res
}

// compilerRE is a line of the compiler's: "path/file.go:12:3: message".
var compilerRE = regexp.MustCompile(`^(.+?\.go):(\d+)(?::\d+)?: (.*)$`)

// CompilerLine reads one line of the compiler's ("file.go:12:5: message").
func CompilerLine(line string) (file string, n int, msg string, ok bool) {
	m := compilerRE.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return "", 0, "", false
	}
	n, _ = strconv.Atoi(m[2])
	return m[1], n, m[3], true
}

// timedOut reports whether output holds go test's panic at -timeout.
func timedOut(output []string) bool {
	for _, line := range output {
		if strings.Contains(line, "panic: test timed out after") {
			return true
		}
	}
	return false
}

func panicked(root string, res Result, t *testjson.Test, pkg *testjson.Package) Result {
	res.Status = Panic
	out := t.Output
	if !t.Panicked() {
		out = append(append([]string(nil), t.Output...), pkg.Output...)
	}
	res.Details = out
	res.Message = "panicked"
	for i, line := range out {
		trimmed := strings.TrimSpace(line)
		if msg, ok := strings.CutPrefix(trimmed, "panic: "); ok {
			if i := strings.Index(msg, " [recovered"); i >= 0 {
				msg = msg[:i]
			}
			res.Message = "panicked: " + msg
			// The first frame in the learner's own file says where.
			for _, frame := range out[i+1:] {
				if file, n, ok := frameLine(frame); ok && strings.HasSuffix(file, "/"+res.Koan.File) {
					res.File, res.Line = relative(root, file), n
					return res
				}
			}
			return res
		}
	}
	return res
}

// frameLine parses a stack frame's location: "\t/abs/file.go:12 +0x1d".
var frameRE = regexp.MustCompile(`^\s*(\S+\.go):(\d+)`)

func frameLine(line string) (string, int, bool) {
	m := frameRE.FindStringSubmatch(line)
	if m == nil {
		return "", 0, false
	}
	n, _ := strconv.Atoi(m[2])
	return filepath.ToSlash(m[1]), n, true
}

var (
	traceRE  = regexp.MustCompile(`^\s*Error Trace:\s*(.*)$`)
	fieldRE  = regexp.MustCompile(`^\s*(Error Trace|Error|Test|Messages):\s*(.*)$`)
	logRE    = regexp.MustCompile(`^    (\S+_test\.go):(\d+): ?(.*)$`)
	contRE   = regexp.MustCompile(`^\s+(\S.*)$`)
	runOrEnd = regexp.MustCompile(`^(=== |--- )`)
)

// failed reads an assertion failure: testify's block, or a t.Error line.
func failed(root, dir string, res Result, t *testjson.Test) Result {
	res.Status = Fail
	res.Details = failureLines(t.Output)
	for i, line := range t.Output {
		if m := traceRE.FindStringSubmatch(line); m != nil {
			res.File, res.Line = traceLocation(root, res.Koan, m[1], t.Output[i+1:])
			res.Message = testifyMessage(t.Output[i+1:])
			if res.Message == "" {
				res.Message = "failed (testify said nothing more)"
			}
			return res
		}
		if m := logRE.FindStringSubmatch(line); m != nil && !(i+1 < len(t.Output) && traceRE.MatchString(t.Output[i+1])) {
			res.File = path.Join(dir, res.Koan.Phase.Dir, m[1])
			res.Line, _ = strconv.Atoi(m[2])
			msg := []string{m[3]}
			for _, next := range t.Output[i+1:] {
				if logRE.MatchString(next) || runOrEnd.MatchString(next) || !contRE.MatchString(next) {
					break
				}
				msg = append(msg, strings.TrimSpace(next))
			}
			res.Message = strings.TrimSpace(strings.Join(msg, "\n"))
			return res
		}
	}
	res.Message = "failed"
	return res
}

// traceLocation picks, from testify's Error Trace (which may go on over
// several lines), the frame in the koan's own file.
func traceLocation(root string, k *catalog.Koan, first string, rest []string) (string, int) {
	frames := []string{first}
	for _, line := range rest {
		if fieldRE.MatchString(line) {
			break
		}
		frames = append(frames, strings.TrimSpace(line))
	}
	var fallbackFile string
	fallbackLine := 0
	for _, f := range frames {
		i := strings.LastIndex(f, ":")
		if i < 0 {
			continue
		}
		n, err := strconv.Atoi(f[i+1:])
		if err != nil {
			continue
		}
		file := relative(root, f[:i])
		if file == k.File {
			return file, n
		}
		if fallbackFile == "" {
			fallbackFile, fallbackLine = file, n
		}
	}
	if fallbackFile == "" {
		return k.File, k.Line
	}
	return fallbackFile, fallbackLine
}

// testifyMessage gathers the Error and Messages fields of a testify block.
func testifyMessage(lines []string) string {
	var out, messages []string
	field := ""
	for _, line := range lines {
		if runOrEnd.MatchString(line) || logRE.MatchString(line) {
			break
		}
		if m := fieldRE.FindStringSubmatch(line); m != nil {
			field = m[1]
			if field == "Test" {
				continue
			}
			if field == "Error Trace" {
				break
			}
			if v := strings.TrimSpace(m[2]); v != "" {
				if field == "Messages" {
					messages = append(messages, v)
				} else {
					out = append(out, v)
				}
			}
			continue
		}
		v := strings.TrimSpace(line)
		switch {
		case v == "":
		case field == "Error":
			out = append(out, v)
		case field == "Messages":
			messages = append(messages, v)
		}
	}
	msg := tidyMessage(out)
	if len(messages) > 0 {
		msg = strings.TrimPrefix(msg+"\n"+strings.Join(messages, "\n"), "\n")
	}
	return msg
}

// failureLines is the test's output without the RUN/FAIL bookkeeping and
// without the SQL log, which Result.SQL carries.
func failureLines(output []string) []string {
	var out []string
	skipping := false
	for _, line := range output {
		if runOrEnd.MatchString(line) || strings.HasPrefix(line, "=== ATTR") {
			continue
		}
		if strings.Contains(line, koanfmt.SQLHeader) {
			skipping = true
			continue
		}
		if skipping && contRE.MatchString(line) && !logRE.MatchString(line) {
			continue
		}
		skipping = false
		out = append(out, line)
	}
	return out
}

// sqlOf is the SQL a koan reported: nil when it reported none, empty when
// it reported that no statement reached the database.
func sqlOf(t *testjson.Test) []string {
	var all []string
	if len(t.Attrs[koanfmt.SQLAttr]) > 0 {
		all = []string{}
	}
	for _, v := range t.Attrs[koanfmt.SQLAttr] {
		var stmts []string
		if json.Unmarshal([]byte(v), &stmts) == nil {
			all = append(all, stmts...)
		}
	}
	return all
}

// plansOf is the plans a koan reported, by statement number: nil when it
// reported none.
func plansOf(t *testjson.Test) map[int][]string {
	var plans map[int][]string
	for _, v := range t.Attrs[koanfmt.PlanAttr] {
		var byNumber map[string][]string
		if json.Unmarshal([]byte(v), &byNumber) != nil {
			continue
		}
		for k, lines := range byNumber {
			if n, err := strconv.Atoi(k); err == nil {
				if plans == nil {
					plans = map[int][]string{}
				}
				plans[n] = lines
			}
		}
	}
	return plans
}

// relative makes a path from go's output relative to the checkout. Built
// with -trimpath (as grading does), paths start with the module path instead
// of the checkout's directory.
func relative(root, file string) string {
	if mod := modulePath(root); mod != "" {
		if rel, ok := strings.CutPrefix(file, mod+"/"); ok {
			return rel
		}
	}
	file = filepath.FromSlash(file)
	if filepath.IsAbs(file) {
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = rel
		}
	}
	return filepath.ToSlash(strings.TrimPrefix(file, "./"))
}

var modulePaths sync.Map // checkout root → its import path, "" if unknown

// modulePath is the import path of the checkout's root directory: the path
// of the module around it (read from the nearest go.mod up), plus where the
// root lies inside that module. Computed once per root.
func modulePath(root string) string {
	if mod, ok := modulePaths.Load(root); ok {
		return mod.(string)
	}
	mod := ""
	for dir := root; ; dir = filepath.Dir(dir) {
		if raw, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			if mod = modfile.ModulePath(raw); mod != "" {
				if rel, err := filepath.Rel(dir, root); err == nil && rel != "." {
					mod = path.Join(mod, filepath.ToSlash(rel))
				}
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	modulePaths.Store(root, mod)
	return mod
}

// FirstLine is the first line of a message, for a one-line report.
func FirstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// Package testjson reads the stream `go test -json` writes and gathers it per
// package and per test. It knows nothing of koans, and it never fails on a
// line it does not understand: such lines are kept as text.
package testjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strings"
	"time"
)

// Action is what a test event reports.
type Action string

// Actions written by go test -json (Go 1.26) and its build events.
const (
	Start       Action = "start"
	Run         Action = "run"
	Pause       Action = "pause"
	Cont        Action = "cont"
	Pass        Action = "pass"
	Bench       Action = "bench"
	Fail        Action = "fail"
	Output      Action = "output"
	Skip        Action = "skip"
	Attr        Action = "attr"
	BuildOutput Action = "build-output"
	BuildFail   Action = "build-fail"
)

// IsTerminal reports whether the action ends a test or package.
func (a Action) IsTerminal() bool {
	return a == Pass || a == Fail || a == Skip
}

// Event is one line of the stream: a test event or a build event.
type Event struct {
	Action      Action
	Package     string
	Test        string
	Output      string
	FailedBuild string
	ImportPath  string // build events only: "pkg [pkg.test]"
	Key, Value  string // attr events only
	// Elapsed is the test's or package's run time in seconds, on its
	// terminal event.
	Elapsed float64
}

// Test is what the stream said of one test function.
type Test struct {
	Name   string
	Action Action // pass, fail, skip; "" if it never finished (the binary died)
	// Elapsed is how long it ran, as its terminal event says; 0 if it
	// never finished.
	Elapsed time.Duration
	Output  []string
	Attrs   map[string][]string
}

// Package is what the stream said of one package.
type Package struct {
	ImportPath string
	Action     Action // pass, fail, skip; "" if no result arrived
	// FailedBuild names the build that failed, if the package did not build.
	FailedBuild string
	// BuildOutput is the compiler's output for FailedBuild, in order.
	BuildOutput []string
	Output      []string // output not attached to any test
	Tests       map[string]*Test
}

// SetupFailed reports whether go could not even set up the package's build
// (bad package clause, missing import): "FAIL pkg [setup failed]".
func (p *Package) SetupFailed() bool {
	for _, line := range p.Output {
		if strings.Contains(line, "[setup failed]") {
			return true
		}
	}
	return false
}

// BuildFailed reports whether the package's test binary did not build.
func (p *Package) BuildFailed() bool { return p.FailedBuild != "" }

// Stream is everything one go test -json run wrote.
type Stream struct {
	Packages map[string]*Package
	// Text holds lines that were not JSON (messages from the go command).
	Text []string
	// builds gathers build output by ImportPath until a package claims it.
	builds map[string][]string
}

// Read reads a whole stream, handing each event to each (if not nil) as it
// arrives. Read errors end it early; what was read is kept.
func Read(r io.Reader, each func(Event)) (*Stream, error) {
	s := NewStream()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if e, ok := s.Line(sc.Bytes()); ok && each != nil {
			each(e)
		}
	}
	return s, sc.Err()
}

// NewStream returns an empty stream to feed line by line.
func NewStream() *Stream {
	return &Stream{Packages: map[string]*Package{}, builds: map[string][]string{}}
}

// Output feeds what a go process wrote to the stream, line by line: its
// standard output (test2json events, and text), then its standard error
// (text: go's own complaints). The one reader of a finished process's
// output.
func (s *Stream) Output(stdout, stderr []byte) {
	for _, out := range [][]byte{stdout, stderr} {
		for line := range bytes.SplitSeq(out, []byte("\n")) {
			s.Line(line)
		}
	}
}

// Line adds one line of go test -json output and returns its event, if it
// was one; any other line is kept as text.
func (s *Stream) Line(line []byte) (Event, bool) {
	trimmed := strings.TrimSpace(string(line))
	if trimmed == "" {
		return Event{}, false
	}
	var e Event
	if trimmed[0] != '{' || json.Unmarshal([]byte(trimmed), &e) != nil || e.Action == "" {
		s.Text = append(s.Text, trimmed)
		return Event{}, false
	}
	s.Event(e)
	return e, true
}

// Event adds one decoded event.
func (s *Stream) Event(e Event) {
	switch e.Action {
	case BuildOutput:
		s.builds[e.ImportPath] = append(s.builds[e.ImportPath], strings.TrimRight(e.Output, "\n"))
		return
	case BuildFail:
		return
	}
	if e.Package == "" {
		if e.Output != "" {
			s.Text = append(s.Text, strings.TrimRight(e.Output, "\n"))
		}
		return
	}
	p := s.pkg(e.Package)
	if e.FailedBuild != "" {
		p.FailedBuild = e.FailedBuild
		p.BuildOutput = s.builds[e.FailedBuild]
	}
	if e.Test == "" {
		switch {
		case e.Action == Output:
			p.Output = append(p.Output, strings.TrimRight(e.Output, "\n"))
		case e.Action.IsTerminal():
			p.Action = e.Action
		}
		return
	}
	t := p.test(e.Test)
	switch {
	case e.Action == Output:
		t.Output = append(t.Output, strings.TrimRight(e.Output, "\n"))
	case e.Action == Attr:
		if t.Attrs == nil {
			t.Attrs = map[string][]string{}
		}
		t.Attrs[e.Key] = append(t.Attrs[e.Key], e.Value)
	case e.Action.IsTerminal():
		t.Action = e.Action
		// go test prints it to the hundredth of a second: rounded, not
		// truncated, 0.3 is 300ms.
		t.Elapsed = time.Duration(math.Round(e.Elapsed*1000)) * time.Millisecond
	}
}

func (s *Stream) pkg(path string) *Package {
	p, ok := s.Packages[path]
	if !ok {
		p = &Package{ImportPath: path, Tests: map[string]*Test{}}
		s.Packages[path] = p
	}
	return p
}

func (p *Package) test(name string) *Test {
	t, ok := p.Tests[name]
	if !ok {
		t = &Test{Name: name}
		p.Tests[name] = t
	}
	return t
}

// Messages is what the go command said outside any package it tested: its
// plain-text lines, then build output no package claimed, headers dropped.
func (s *Stream) Messages() []string {
	out := append([]string(nil), s.Text...)
	claimed := map[string]bool{}
	for _, p := range s.Packages {
		claimed[p.FailedBuild] = true
	}
	for path, lines := range s.builds {
		if claimed[path] {
			continue
		}
		for _, l := range lines {
			if !strings.HasPrefix(l, "# ") {
				out = append(out, l)
			}
		}
	}
	return out
}

// Panicked reports whether the test's output holds a Go panic.
func (t *Test) Panicked() bool {
	for _, line := range t.Output {
		if strings.HasPrefix(strings.TrimSpace(line), "panic: ") {
			return true
		}
	}
	return false
}

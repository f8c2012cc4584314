package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	File      string `xml:"file,attr,omitempty"`
	Line      int    `xml:"line,attr,omitempty"`
	// Time is required by the Ant schema that JUnit consumers validate
	// against: the koan's run time in seconds, as go test -json timed it
	// ("0.000" for a koan that did not run). The one part of a report that
	// differs between two runs of a checkout.
	Time    string        `xml:"time,attr"`
	Failure *junitProblem `xml:"failure,omitempty"`
	Error   *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func init() {
	register(Format{Name: "junit", Description: "JUnit XML: a testsuite per phase, a testcase per koan", Write: unstyled(JUnit)})
}

// JUnit writes JUnit XML: one testsuite per phase, one testcase per koan.
// A failing assertion, a timeout or tampering is a failure; a koan that does
// not compile or panics is an error.
func JUnit(w io.Writer, sheet score.Sheet) error {
	out := junitSuites{Name: "gorm-koans", Tests: sheet.Total}
	byPhase := map[string]*junitSuite{}
	took := map[string]time.Duration{} // each phase's koans' run times, summed
	for _, p := range sheet.Phases {
		out.Suites = append(out.Suites, junitSuite{Name: p.Dir, Properties: []junitProperty{
			{Name: "title", Value: p.Title},
			{Name: "score", Value: fmt.Sprintf("%d/%d", p.Score, p.Max)},
		}})
	}
	for i := range out.Suites {
		byPhase[out.Suites[i].Name] = &out.Suites[i]
	}
	for _, k := range sheet.Koans {
		s := byPhase[k.Koan.Phase.Dir]
		c := junitCase{Name: k.Koan.Name, Classname: "koans." + k.Koan.Phase.Dir, File: k.File, Line: k.Line, Time: seconds(k.Elapsed)}
		took[s.Name] += k.Elapsed
		message, body := runner.FirstLine(k.Message), problemBody(k)
		switch k.Verdict() {
		case string(runner.Pass):
		case string(runner.CompileError), string(runner.Panic):
			if k.Verdict() == string(runner.CompileError) {
				// One compile error fails every koan of its phase: each
				// testcase stays on its own koan; the message says where
				// the error is.
				c.File, c.Line = k.Koan.File, k.Koan.Line
				message = fmt.Sprintf("%s:%d: %s", k.File, k.Line, message)
			}
			c.Error = &junitProblem{Message: message, Type: k.Verdict(), Body: body}
			s.Errors++
			out.Errors++
		default:
			c.Failure = &junitProblem{Message: message, Type: k.Verdict(), Body: body}
			s.Failures++
			out.Failures++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	for i := range out.Suites {
		out.Suites[i].Time = seconds(took[out.Suites[i].Name])
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing JUnit XML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// seconds is a duration as JUnit's time attribute takes it.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
}

func problemBody(k score.Koan) string {
	var b strings.Builder
	if len(k.Tampered) == 0 {
		fmt.Fprintf(&b, "%s:%d: %s\n", k.File, k.Line, k.Message)
	}
	// A tampered koan's message is its first reason: list each reason once.
	for _, t := range k.Tampered {
		fmt.Fprintf(&b, "tampered: %s\n", t)
	}
	if len(k.SQL) > 0 {
		b.WriteString("\n" + koanfmt.SQLHeader + ":\n")
		for i, q := range k.SQL {
			fmt.Fprintf(&b, "%3d  %s\n", i+1, q)
		}
	}
	return b.String()
}

package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/score"
)

// Format is one way `koans verify --format NAME` writes its report. Each
// format registers itself from its own file (register in an init), so a new
// format is one file and its test: the CLI's flag validation, help text and
// errors are built from Formats.
type Format struct {
	Name        string
	Description string // one line, shown by `koans help`
	// Write writes the report of a graded run. Style is plain when the report
	// goes to a file or the output has no colour.
	Write func(w io.Writer, s Style, sheet score.Sheet) error
	// Summary, if set, writes Markdown the CLI appends to the job summary
	// of GitHub Actions ($GITHUB_STEP_SUMMARY) when it runs there.
	Summary func(w io.Writer, sheet score.Sheet) error
}

// DefaultFormat is the name of the format verify writes without --format.
const DefaultFormat = "text"

var formats []Format

func register(f Format) {
	if f.Name == "" || f.Write == nil || strings.Contains(f.Description, "\n") {
		panic(fmt.Sprintf("report: format %q needs a name, a writer and a one-line description", f.Name))
	}
	if _, ok := LookupFormat(f.Name); ok {
		panic("report: format " + f.Name + " registered twice")
	}
	formats = append(formats, f)
	slices.SortFunc(formats, func(a, b Format) int {
		switch {
		case a.Name == DefaultFormat:
			return -1
		case b.Name == DefaultFormat:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// Formats lists the formats: the default first, then by name.
func Formats() []Format { return slices.Clone(formats) }

// LookupFormat finds a format by name.
func LookupFormat(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// unstyled adapts a writer that has no use for colour.
func unstyled(write func(io.Writer, score.Sheet) error) func(io.Writer, Style, score.Sheet) error {
	return func(w io.Writer, _ Style, sheet score.Sheet) error { return write(w, sheet) }
}

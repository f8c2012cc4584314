// Package report renders koan results: the learner's screen, the list, and
// the formats of `koans verify`, each a file that registers itself
// (format.go). Renderers write to an io.Writer;
// colour is decided by the CLI and handed in as a Style.
package report

import (
	"fmt"

	"github.com/fatih/color"
)

// Style colours text, or leaves it plain.
type Style struct {
	Pass, Fail, Dim, Bold, Accent func(a ...any) string
}

// NewStyle returns a coloured style, or a plain one when colour is off; the
// CLI decides which (NO_COLOR, TERM=dumb, not a terminal). Both format their
// arguments as fmt.Sprint does.
func NewStyle(colour bool) Style {
	if !colour {
		plain := func(a ...any) string { return fmt.Sprint(a...) }
		return Style{plain, plain, plain, plain, plain}
	}
	mk := func(attrs ...color.Attribute) func(a ...any) string {
		c := color.New(attrs...)
		c.EnableColor()
		return c.SprintFunc()
	}
	return Style{
		Pass:   mk(color.FgGreen),
		Fail:   mk(color.FgRed),
		Dim:    mk(color.Faint),
		Bold:   mk(color.Bold),
		Accent: mk(color.FgCyan),
	}
}

// Package report renders koan results: the learner's screen, the list, and
// the formats of `koans verify`, each a file that registers itself
// (format.go). Renderers write to an io.Writer;
// colour is decided by the CLI and handed in as a Style.
package report

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"
	"github.com/fatih/color"
)

// Style colours text, or leaves it plain.
type Style struct {
	Pass, Fail, Dim, Bold, Accent func(a ...any) string
	// links: URLs are written as terminal hyperlinks (OSC 8), for a
	// terminal known to show them; plain text otherwise.
	links bool
}

// WithLinks returns the style writing URLs as terminal hyperlinks.
func (s Style) WithLinks() Style {
	s.links = true
	return s
}

// URL writes a link: clickable where the terminal supports hyperlinks, and
// always the URL itself as its text, so it can be copied.
func (s Style) URL(u string) string {
	if !s.links {
		return u
	}
	return ansi.SetHyperlink(u) + u + ansi.ResetHyperlink()
}

// Hyperlinks reports whether the terminal getenv describes shows OSC 8
// hyperlinks: the terminals that say so by their variables. Others (and
// tmux, which may not pass them on) get plain URLs.
func Hyperlinks(getenv func(string) string) bool {
	if getenv("TMUX") != "" || getenv("STY") != "" {
		return false
	}
	switch getenv("TERM_PROGRAM") {
	case "iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "Tabby", "rio":
		return true
	}
	switch getenv("TERM") {
	case "xterm-kitty", "foot", "foot-extra", "xterm-ghostty", "alacritty", "wezterm":
		return true
	}
	if getenv("WT_SESSION") != "" || getenv("KITTY_WINDOW_ID") != "" || getenv("DOMTERM") != "" {
		return true
	}
	var vte int
	fmt.Sscanf(getenv("VTE_VERSION"), "%d", &vte)
	return vte >= 5000
}

// NewStyle returns a coloured style, or a plain one when colour is off; the
// CLI decides which (NO_COLOR, TERM=dumb, not a terminal). Both format their
// arguments as fmt.Sprint does.
func NewStyle(colour bool) Style {
	if !colour {
		plain := func(a ...any) string { return fmt.Sprint(a...) }
		return Style{Pass: plain, Fail: plain, Dim: plain, Bold: plain, Accent: plain}
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

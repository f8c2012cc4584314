package grade

import "io"

// Format is one way `koans grade --format NAME` writes the gradebook; the
// CLI builds its flag validation, help text and errors from Formats.
type Format struct {
	Name        string
	Description string // one line, shown by `koans help`
	Write       func(w io.Writer, book Gradebook) error
}

// Formats are the gradebook's formats, the default first.
var Formats = []Format{
	{Name: "csv", Description: "a row per submission: score, points by phase", Write: CSV},
	{Name: "json", Description: "the same and every koan's verdict", Write: JSON},
	{Name: "html", Description: "a self-contained page: a heatmap of the class", Write: HTML},
}

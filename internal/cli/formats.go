package cli

import (
	"fmt"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/grade"
	"github.com/gorm-koans/gorm-koans/internal/report"
)

// formatInfo is what the command line needs of a format, whichever package
// owns it: report owns verify's, grade owns the gradebook's.
type formatInfo struct{ name, description string }

func verifyFormats() []formatInfo {
	var out []formatInfo
	for _, f := range report.Formats() {
		out = append(out, formatInfo{f.Name, f.Description})
	}
	return out
}

func gradeFormats() []formatInfo {
	var out []formatInfo
	for _, f := range grade.Formats {
		out = append(out, formatInfo{f.Name, f.Description})
	}
	return out
}

// formatNames joins the formats' names: "text, json, junit".
func formatNames(fs []formatInfo, sep string) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return strings.Join(names, sep)
}

func unknownFormat(name string, fs []formatInfo) error {
	return usagef("unknown format %q (valid: %s)", name, formatNames(fs, ", "))
}

// formatHelp is the list of a command's formats in `koans help`.
func formatHelp(b *strings.Builder, command string, fs []formatInfo) {
	fmt.Fprintf(b, "\n%s --format:\n", command)
	for i, f := range fs {
		desc := f.description
		if i == 0 {
			desc += " (default)"
		}
		fmt.Fprintf(b, "  %-10s %s\n", f.name, desc)
	}
}

package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// MaxAnnotations is how many error annotations GitHub shows for one step.
const MaxAnnotations = 10

func init() {
	register(Format{Name: "github", Description: "GitHub Actions annotations, and a table in the job summary", Write: unstyled(GitHub), Summary: Markdown})
}

// GitHub writes workflow-command annotations, which GitHub Actions shows on
// the file and line: one error per failing koan for the first
// MaxAnnotations in path order (the learner's next steps), then one notice
// counting the rest, which the summary table lists.
func GitHub(w io.Writer, sheet score.Sheet) error {
	var b strings.Builder
	failing := 0
	for _, k := range sheet.Koans {
		if k.Verdict() == "pass" {
			continue
		}
		failing++
		if failing <= MaxAnnotations {
			fmt.Fprintf(&b, "::error file=%s,line=%d,title=%s::%s\n",
				escapeProperty(k.File), k.Line, escapeProperty(k.Koan.ID+" ("+k.Verdict()+")"), escapeData(k.Message))
		}
	}
	if more := failing - MaxAnnotations; more > 0 {
		fmt.Fprintf(&b, "::notice title=%s::%s\n", escapeProperty(fmt.Sprintf("%d more koans fail", more)),
			escapeData(fmt.Sprintf("%d more koans fail after these %d; the job's summary table lists all %d.", more, MaxAnnotations, failing)))
	}
	fmt.Fprintf(&b, "koans: %d/%d points, %d of %d koans pass\n", sheet.Score, sheet.Max, sheet.Passed, sheet.Total)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing annotations: %w", err)
	}
	return nil
}

// Markdown writes the summary table GitHub shows for a job
// ($GITHUB_STEP_SUMMARY).
func Markdown(w io.Writer, sheet score.Sheet) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## gorm-koans: %d/%d points\n\n", sheet.Score, sheet.Max)
	b.WriteString("| phase | koans passing | points |\n|---|---|---|\n")
	for _, p := range sheet.Phases {
		fmt.Fprintf(&b, "| %s | %d/%d | %d/%d |\n", escapeTable(p.Title), p.Passed, p.Total, p.Score, p.Max)
	}
	failing := 0
	for _, k := range sheet.Koans {
		if k.Verdict() != "pass" {
			if failing == 0 {
				b.WriteString("\n| koan | status | where | what |\n|---|---|---|---|\n")
			}
			failing++
			fmt.Fprintf(&b, "| `%s` | %s | %s:%d | %s |\n", k.Koan.ID, k.Verdict(), k.File, k.Line, escapeTable(runner.FirstLine(k.Message)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Escapes of GitHub's workflow commands: data escapes %, CR, LF; property
// values also escape : and ,.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func escapeTable(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

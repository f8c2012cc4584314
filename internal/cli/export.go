package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/gorm-koans/gorm-koans/internal/assignment"
)

// runExport writes the learner's repository for a course: no solutions.
func runExport(_ context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	cli := fs.String("cli", "", "the grader the Classroom workflow runs (module@version); default: this checkout's tag, else its commit's pseudo-version")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("export takes one DIR, a new directory for the learner's repository, e.g. `koans export ../gorm-koans-fall`")
	}
	root, err := findRoot(stdio.Dir)
	if err != nil {
		return err
	}
	dir := rest[0]
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(stdio.Dir, dir)
	}
	if *cli == "" {
		var warning string
		*cli, warning = pinGrader(root)
		if warning != "" {
			fmt.Fprintln(stdio.Err, "koans export: "+warning)
		}
	}
	files, err := assignment.Write(root, dir, *cli, stdio.database())
	if err != nil {
		return usagef("%v", err)
	}
	fmt.Fprintf(stdio.Out, "wrote %d files to %s: the koans as shipped, the CLI and the Classroom workflow, no solutions.\n", len(files), dir)
	fmt.Fprintf(stdio.Out, "its workflow grades with %s\n", *cli)
	fmt.Fprintf(stdio.Out, "grade it against this checkout: koans grade --original %s SUBMISSIONS…\n", root)
	return nil
}

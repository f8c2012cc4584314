// Package cli routes the koans command line to the packages that do the work.
// It owns the one exit-code policy and the one colour decision (IO.colour);
// the formats --format accepts are the ones internal/report and internal/grade
// register (formats.go), so help, checks and errors follow them.
package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/dbreach"
	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/report"
)

// Exit codes: the one place they are decided.
const (
	ExitOK       = 0 // every koan asked about passes
	ExitFailing  = 1 // some koan fails
	ExitUsage    = 2 // the command line or the directory is wrong
	ExitInternal = 3 // something broke that is not the learner's doing
	ExitDatabase = 4 // the database the koans run on does not answer
)

// IO is what a command may touch of the outside world; tests pass buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Terminal is true when Out is an interactive terminal.
	Terminal bool
	// Dir is where the command was started.
	Dir string
	// Getenv reads the environment (NO_COLOR, GITHUB_STEP_SUMMARY, …).
	Getenv func(string) string
	// Width is the terminal's width in columns, 0 when not a terminal:
	// what a command prints is wrapped to it.
	Width func() int
	// Database is the database the koans run on (dbenv's names; "" is
	// SQLite): --db, else KOANS_DB, decided once by Run.
	Database string
	// Environ lists the environment, for a command the CLI starts with
	// it; nil is the process's own.
	Environ func() []string
	// Invoked is how the learner runs the CLI, when it is not `koans`:
	// "go run ./cmd/koans". Every command the CLI names (`koans reset …`)
	// is written that way, so it can be pasted as it is.
	Invoked string
}

// database is the database commands run koans on.
func (stdio IO) database() string {
	if stdio.Database == "" {
		return dbenv.SQLite
	}
	return stdio.Database
}

// dbEnv is what a koan's process is told of the database: KOANS_DB.
func (stdio IO) dbEnv() []string {
	return []string{dbenv.Env + "=" + stdio.database()}
}

// invokedEnv tells a CLI started again by another how the learner runs it
// (IO.Invoked).
const invokedEnv = "KOANS_INVOKED"

// Stdio is the process's real standard streams.
func Stdio() IO {
	dir, _ := os.Getwd()
	invoked := os.Getenv(invokedEnv) // set when started again (relaunchWith)
	if exe, err := os.Executable(); err == nil && strings.Contains(filepath.ToSlash(exe), "/go-build") {
		// `go run` builds the CLI in a go-build temporary directory.
		invoked = "go run ./cmd/koans"
	}
	return IO{
		Invoked: invoked,
		In:      os.Stdin, Out: os.Stdout, Err: os.Stderr,
		Terminal: term.IsTerminal(int(os.Stdout.Fd())) && term.IsTerminal(int(os.Stdin.Fd())),
		Dir:      dir,
		Getenv:   os.Getenv,
		Width: func() int {
			w, _, err := term.GetSize(int(os.Stdout.Fd()))
			if err != nil {
				return 0
			}
			return w
		},
	}
}

// colour reports whether output gets colour: only on a terminal that can
// show it (not TERM=dumb) and without NO_COLOR. The one place this is decided.
func (stdio IO) colour() bool {
	return stdio.Terminal && stdio.Getenv("NO_COLOR") == "" && stdio.Getenv("TERM") != "dumb"
}

// style is how output is written: colour as colour says, URLs as
// hyperlinks where colour is on and the terminal shows them.
func (stdio IO) style() report.Style {
	st := report.NewStyle(stdio.colour())
	if stdio.colour() && report.Hyperlinks(stdio.Getenv) {
		st = st.WithLinks()
	}
	return st
}

// usageError is a mistake on the command line: reported in one line, exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// databaseError is a database that does not answer (no server at the
// address, a role it refuses): nothing the command line got wrong, and
// nothing broken in the CLI, so a code of its own, exit 4.
type databaseError struct{ err error }

func (e databaseError) Error() string { return e.err.Error() }

// failingError means the command ran and some koan does not pass: exit 1.
// Its text, if any, has already been shown.
type failingError struct{}

func (failingError) Error() string { return "" }

// exitCode ends the CLI with a code another process chose and explained.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// Run executes one command line and returns the process exit code.
func Run(ctx context.Context, args []string, stdio IO) int {
	if stdio.Invoked != "" {
		stdio.Out = commandNamer{stdio.Out, "`" + stdio.Invoked + " "}
		stdio.Err = commandNamer{stdio.Err, "`" + stdio.Invoked + " "}
	}
	err := dispatch(ctx, args, stdio)
	var usage usageError
	var unreachable databaseError
	var code exitCode
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &code):
		return int(code)
	case errors.As(err, &usage):
		stdio.sayError(usage.msg)
		return ExitUsage
	case errors.As(err, &unreachable):
		stdio.sayError(unreachable.Error())
		return ExitDatabase
	case errors.Is(err, failingError{}):
		return ExitFailing
	case errors.Is(err, context.Canceled):
		return ExitFailing
	default:
		stdio.sayError(err.Error())
		return ExitInternal
	}
}

// sayError writes the one sentence an error reaches the learner as,
// wrapped to the terminal's width like every screen.
func (stdio IO) sayError(msg string) {
	width := 0
	if stdio.Terminal && stdio.Width != nil {
		width = stdio.Width()
	}
	fmt.Fprintln(stdio.Err, report.Wrap("koans: "+msg, width))
}

const commandList = "watch, list, run, hint, verify, reset, solution, grade, export, dev"

// learnerCommands are the commands a learner's repository (an export, with
// no solutions/) has use for: help and errors there name only these.
const learnerCommands = "watch, list, run, hint, verify, reset"

// inAssignment reports whether the command runs in a learner's repository
// written by koans export: no solutions/, the shipped koans kept aside.
func inAssignment(stdio IO) bool {
	root, err := findRoot(stdio.Dir)
	return err == nil && !originals.HasSolutions(os.DirFS(root))
}

func dispatch(ctx context.Context, args []string, stdio IO) error {
	original := args
	args, db, err := takeDatabase(args, stdio)
	if err != nil {
		return err
	}
	stdio.Database = db
	name := "watch"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" || (len(args) > 0 && (args[0] == "-h" || args[0] == "--help")) {
		if inAssignment(stdio) {
			fmt.Fprint(stdio.Out, learnerHelp)
			return nil
		}
		fmt.Fprint(stdio.Out, helpText())
		return nil
	}
	if runsKoans[name] {
		var notLinked *dbreach.NotLinked
		if err := dbreach.Linked(db); errors.As(err, &notLinked) {
			return relaunchWith(notLinked, original, stdio)
		}
	}
	if err := reachDatabase(ctx, name, stdio); err != nil {
		return err
	}
	switch name {
	case "watch":
		return runWatch(ctx, args, stdio)
	case "list":
		return runList(ctx, args, stdio)
	case "run":
		return runRun(ctx, args, stdio)
	case "hint":
		return runHint(ctx, args, stdio)
	case "verify":
		return runVerify(ctx, args, stdio)
	case "reset":
		return runReset(ctx, args, stdio)
	case "solution":
		return runSolution(ctx, args, stdio)
	case "grade":
		return runGrade(ctx, args, stdio)
	case "export":
		return runExport(ctx, args, stdio)
	case "dev":
		return runDev(ctx, args, stdio)
	}
	if inAssignment(stdio) {
		return usagef("unknown command %q (valid: %s)", name, learnerCommands)
	}
	return usagef("unknown command %q (valid: %s)", name, commandList)
}

// helpText is the usage of every command, with the formats their owners list.
func helpText() string {
	var b strings.Builder
	b.WriteString(helpCommands)
	formatHelp(&b, "verify", verifyFormats())
	formatHelp(&b, "grade", gradeFormats())
	return b.String()
}

var helpHead = `koans: learn GORM by making failing tests pass.

  koans [--db sqlite|postgres|mysql] COMMAND …
                        the database the koans run on (default: KOANS_DB, else
                        sqlite); postgres connects to KOANS_POSTGRES_DSN
                        (default ` + dbenv.DefaultDSN + `),
                        mysql (or mariadb) to KOANS_MYSQL_DSN
                        (default ` + dbenv.DSNOf(dbenv.MySQL, func(string) string { return "" }) + `)

  koans [--poll]        watch: rerun on every save, show the first failing koan
  koans list            every phase and koan with its status
  koans run [KOAN|PHASE] run the current koan, or the one named, once
  koans hint [--more] [KOAN]
                        the hint of the koan last shown (or named), with its SQL;
                        --more: your SQL beside the reference solution's
`

const helpFoot = `
A KOAN is PHASE_DIR/TestName (01_layers/TestModelLayer) or just TestName;
a PHASE is its directory (01_layers) or number (1); a koan file's path names
its koans.
Exit codes: 0 all pass, 1 koans failing, 2 usage error, 3 internal error,
4 the database does not answer.
`

var helpCommands = helpHead + `  koans verify [--format FORMAT] [--output FILE] [--original DIR]
               [--timeout 10s] [--sandbox] [--allow-superuser-koans]
                        grade every koan; exit 0 only if all pass
  koans reset KOAN|PHASE [--yes]
                        put a koan (or a phase) back as shipped
  koans solution KOAN [--force]
                        the reference solution, once the koan passes
  koans grade [--jobs N] [--format FORMAT,…] [--original DIR] [--timeout 10s]
              [--no-sandbox] [--shard I/N] [--allow-superuser-koans]
              [--output FILE|DIR]… DIR...
                        grade many submissions into a gradebook, in one or
                        more formats (--output FILE.FORMAT each, or a DIR)
  koans grade render GRADEBOOK.json [--format FORMAT,…] [--output …]
                        a saved gradebook in other formats, without grading
  koans grade merge SHARD.json… [--format FORMAT,…] [--output …]
                        one gradebook of the shards of a --shard batch
  koans export [--cli MODULE@VERSION] DIR
                        write the learner's repository for a course: no solutions
  koans dev check       authors: koans/ matches solutions/, koans fail, solutions pass
  koans dev gen         authors: write koans/ from solutions/
` + helpFoot

// learnerHelp is the help of a learner's repository: the learner's commands.
var learnerHelp = helpHead + `  koans verify [--format FORMAT] [--output FILE]
                        every koan with points, as your grader will; exit 0 only
                        if all pass
  koans reset KOAN|PHASE [--yes]
                        put a koan (or a phase) back as handed out
` + helpFoot

// findRoot walks up from dir to the checkout that holds koans/ and go.mod.
func findRoot(dir string) (string, error) {
	d := dir
	for {
		if isCheckout(d) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", usagef("%s is not inside a gorm-koans checkout (no go.mod with koans/ and solutions/ above it); cd into the repository you cloned", dir)
		}
		d = parent
	}
}

// isCheckout reports whether dir is a koans checkout: an author's (with
// solutions/) or an assignment's (with the shipped koans kept aside).
func isCheckout(dir string) bool {
	for _, name := range []string{"go.mod", "koans"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	for _, name := range []string{"solutions", originals.ShippedDir} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			return true
		}
	}
	return false
}

// commandNamer writes the commands the CLI names (`koans reset X`) the way
// the learner runs the CLI (`go run ./cmd/koans reset X`): one place for
// every message, screen and hint.
type commandNamer struct {
	w  io.Writer
	as string
}

func (c commandNamer) Write(p []byte) (int, error) {
	if !bytes.Contains(p, []byte("`koans ")) {
		return c.w.Write(p)
	}
	if _, err := c.w.Write(bytes.ReplaceAll(p, []byte("`koans "), []byte(c.as))); err != nil {
		return 0, err
	}
	return len(p), nil
}

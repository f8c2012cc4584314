package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/assignment"
	"github.com/gorm-koans/gorm-koans/internal/dbreach"
	"github.com/gorm-koans/gorm-koans/internal/relaunch"
)

// takeDatabase removes --db NAME (or --db=NAME), wherever it stands before
// a lone "--", and returns the database it names, else KOANS_DB's, else the
// course's (an assignment's .koans/database), else SQLite's.
func takeDatabase(args []string, stdio IO) ([]string, string, error) {
	chosen, from := stdio.Getenv(dbenv.Env), dbenv.Env
	if chosen == "" {
		chosen, from = courseDatabase(stdio.Dir)
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		switch {
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return nil, "", usagef("--db needs a database (valid: %s)", strings.Join(dbenv.Names, ", "))
			}
			chosen, from = args[i+1], "--db"
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			_, chosen, _ = strings.Cut(a, "=")
			from = "--db"
		default:
			rest = append(rest, a)
		}
	}
	db, err := dbenv.Parse(chosen)
	if err != nil {
		return nil, "", usagef("%s: %v", from, err)
	}
	return rest, db, nil
}

// databaseShown names the database for a screen's header, "" for the
// default, which needs no saying.
func (stdio IO) databaseShown() string {
	if db := stdio.database(); db != dbenv.Databases[0].Name {
		return dbenv.Display(db)
	}
	return ""
}

// courseDatabase is the database an assignment's course runs on, read from
// its assignment.DatabaseFile; "" outside one.
func courseDatabase(dir string) (db, from string) {
	root, err := findRoot(dir)
	if err != nil {
		return "", ""
	}
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(assignment.DatabaseFile)))
	if err != nil {
		return "", ""
	}
	return strings.TrimSpace(string(raw)), assignment.DatabaseFile
}

// runsKoans are the commands that run koans, and so need the database.
var runsKoans = map[string]bool{"watch": true, "list": true, "run": true, "verify": true, "grade": true, "dev": true}

// reachDatabase tells a learner at once, in one line, that the server of
// the database they chose does not answer, before any koan tries it.
func reachDatabase(ctx context.Context, command string, stdio IO) error {
	if !runsKoans[command] {
		return nil
	}
	db := stdio.database()
	if err := dbreach.Reach(ctx, db, dbenv.DSNOf(db, stdio.Getenv)); err != nil {
		return databaseError{err}
	}
	return nil
}

// relaunchWith runs the command line args again in a CLI built with the
// chosen database's driver (package relaunch), on the same terminal, and
// ends as it ends. The CLI links no server's driver until it is chosen:
// that keeps the first build of a learner on SQLite short.
func relaunchWith(missing *dbreach.NotLinked, args []string, stdio IO) error {
	root, _ := findRoot(stdio.Dir)
	environ := os.Environ()
	if stdio.Environ != nil {
		environ = stdio.Environ()
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "gorm-koans")
	launch, err := relaunch.Prepare(root, dir, missing.Tag, args, environ)
	if err != nil {
		return usagef("this koans CLI was built without %s's driver, and %v: install it with `go install -tags %s %s/cmd/koans@VERSION`, or run `go run ./cmd/koans` in your gorm-koans checkout", missing.Database, err, missing.Tag, relaunch.Module)
	}
	if launch.Build != nil {
		if err := buildLaunch(launch, missing.Database, dir, stdio); err != nil {
			return err
		}
	}
	run := launch.Run
	// The relaunched CLI gets the terminal itself, not a pipe through this
	// one (it would think it has no terminal), and names its commands as
	// the learner runs them.
	run.Stdin, run.Stdout, run.Stderr = stdio.In, unwrap(stdio.Out), unwrap(stdio.Err)
	if stdio.Invoked != "" {
		run.Env = append(run.Env, invokedEnv+"="+stdio.Invoked)
	}
	run.Dir = stdio.Dir
	// Ctrl-C reaches the relaunched CLI from the terminal; this one only
	// waits for it and ends with its code.
	err = run.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit):
		return exitCode(exit.ExitCode())
	default:
		return fmt.Errorf("starting the CLI with %s's driver: %w", missing.Database, err)
	}
}

// buildLaunch builds the CLI with a database's driver, saying so on a
// terminal: the first time it compiles the driver, for a minute or more.
func buildLaunch(launch *relaunch.Launch, database, dir string, stdio IO) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("making a place for the CLI with %s's driver: %w", database, err)
	}
	if stdio.Terminal {
		fmt.Fprintf(stdio.Err, "koans: building the CLI with %s's driver (the first time takes a minute or more; later starts reuse it)…\n", database)
	}
	var out strings.Builder
	launch.Build.Stdout, launch.Build.Stderr = &out, &out
	if err := launch.Build.Run(); err != nil {
		return fmt.Errorf("building the CLI with %s's driver: %v: %s", database, err, strings.TrimSpace(out.String()))
	}
	return launch.Built()
}

// unwrap is the writer a commandNamer writes to.
func unwrap(w io.Writer) io.Writer {
	if c, ok := w.(commandNamer); ok {
		return c.w
	}
	return w
}

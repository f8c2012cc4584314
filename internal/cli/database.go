package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/assignment"
	"github.com/gorm-koans/gorm-koans/internal/dbreach"
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

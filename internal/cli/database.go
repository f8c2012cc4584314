package cli

import (
	"context"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
)

// takeDatabase removes --db NAME (or --db=NAME), wherever it stands before
// a lone "--", and returns the database it names, else KOANS_DB's, else
// SQLite's.
func takeDatabase(args []string, getenv func(string) string) ([]string, string, error) {
	chosen, from := getenv(dbenv.Env), dbenv.Env
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
	if stdio.database() == dbenv.Postgres {
		return "PostgreSQL"
	}
	return ""
}

// runsKoans are the commands that run koans, and so need the database.
var runsKoans = map[string]bool{"watch": true, "list": true, "run": true, "verify": true, "grade": true, "dev": true}

// reachDatabase tells a learner at once, in one line, that the PostgreSQL
// server they chose does not answer, before any koan tries it.
func reachDatabase(ctx context.Context, command string, stdio IO) error {
	if stdio.database() != dbenv.Postgres || !runsKoans[command] {
		return nil
	}
	if err := dbenv.Reach(ctx, dbenv.DSN(stdio.Getenv)); err != nil {
		return usagef("%v", err)
	}
	return nil
}

// Package assignment writes the learner's repository for a course from an
// instructor's checkout: the koans as shipped, the fixtures, the CLI, a
// GitHub Classroom workflow and a learner's README — and no solutions. The
// shipped koans also go to originals.ShippedDir, where `koans reset` and
// the CLI's built-in originals find them.
package assignment

import (
	_ "embed"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
)

//go:embed README.learner.md
var learnerREADME []byte

//go:embed classroom.yml
var classroomWorkflow string

// DefaultCLI is the grader a workflow runs when nothing better is known
// (Pin says when): an instructor pins a release.
const DefaultCLI = "github.com/gorm-koans/gorm-koans/cmd/koans@latest"

// source is the export's source.go: the CLI carries the shipped koans
// instead of solutions it does not have.
const source = `// Package gormkoans carries the koans as handed out inside the koans CLI:
// ` + "`koans verify`" + ` grades against them and ` + "`koans reset`" + ` restores them.
package gormkoans

import "embed"

// Source holds the module files, the fixtures, the phase READMEs and the
// shipped koans (.koans/shipped).
//
//go:embed go.mod go.sum fixtures koans/*/README.md .koans/shipped
var Source embed.FS
`

// Write writes the assignment for the checkout at root into dir, which must
// not exist or be empty. cli is what the Classroom workflow runs
// (module@version); db the database the course runs on (dbenv's names):
// on PostgreSQL the workflow starts a server beside the grader, and the
// repository says so (DatabaseFile), so that the learner's koans run there
// too. It returns the files written, sorted.
func Write(root, dir, cli, db string) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty: write the assignment to a new directory", dir)
	}
	src := os.DirFS(root)
	if !originals.HasSolutions(src) {
		return nil, fmt.Errorf("%s has no solutions/: an assignment is written from the instructor's checkout", root)
	}
	orig, err := originals.Load(src)
	if err != nil {
		return nil, err
	}
	// The originals it was made from: a grader with others says so
	// instead of calling their differences tampering.
	out := map[string][]byte{originals.MadeFromFile: []byte(orig.Hash() + "\n")}
	koans, err := originals.Koans(src, "")
	if err != nil {
		return nil, err
	}
	for p, raw := range koans {
		out[p] = raw
		out[originals.ShippedDir+strings.TrimPrefix(p, catalog.KoansDir)] = raw
	}
	keep := map[string]func(p string) bool{
		// READMEs and data beside the koans; the Go files are generated above.
		catalog.KoansDir: func(p string) bool { return !strings.HasSuffix(p, ".go") },
		"fixtures":       notTest,
		"cmd":            notTest,
		// The CLI's packages, without the authors' bench.
		"internal": func(p string) bool { return notTest(p) && !strings.HasPrefix(p, "internal/bench/") },
	}
	for _, top := range slices.Sorted(maps.Keys(keep)) {
		err := fs.WalkDir(src, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return fs.SkipDir
				}
				return nil
			}
			if !keep[top](p) {
				return nil
			}
			raw, err := fs.ReadFile(src, p)
			out[p] = raw
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", top, err)
		}
	}
	for _, f := range []string{"go.mod", "go.sum", "LICENSE", ".gitignore"} {
		raw, err := fs.ReadFile(src, f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f, err)
		}
		out[f] = raw
	}
	out["source.go"] = []byte(source)
	out["README.md"] = learnerREADME
	if more, ok := courseREADME[db]; ok {
		out["README.md"] = append(slices.Clip(learnerREADME), more...)
	}
	out[".github/workflows/classroom.yml"] = []byte(workflow(cli, db))
	if db != dbenv.SQLite {
		out[DatabaseFile] = []byte(db + "\n")
	}

	files := slices.Sorted(maps.Keys(out))
	for _, p := range files {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, fmt.Errorf("writing the assignment: %w", err)
		}
		if err := os.WriteFile(target, out[p], 0o644); err != nil {
			return nil, fmt.Errorf("writing the assignment: %w", err)
		}
	}
	return files, nil
}

func notTest(p string) bool {
	return !strings.HasSuffix(p, "_test.go") && path.Base(p) != "testdata"
}

// DatabaseFile names, in an assignment, the database its course runs on,
// when it is not SQLite: the CLI's default there, before KOANS_DB and --db.
const DatabaseFile = ".koans/database"

// workflow is the Classroom workflow grading with cli on database db.
func workflow(cli, db string) string {
	env, services, tags := "", "", ""
	if d, ok := dbenv.Lookup(db); ok && d.Tag != "" {
		// The grader is built with the database's driver at once, not
		// built without it first and then again with it.
		tags = "-tags " + d.Tag + " "
		s := ciServices[d.Name]
		env = fmt.Sprintf("  %s: %s\n  %s: %s\n", dbenv.Env, d.Name, d.DSNEnv, d.DefaultDSN)
		services = "    services:\n" + s
	}
	return strings.NewReplacer("{{CLI}}", cli, "{{DATABASE_ENV}}", env, "{{SERVICES}}", services, "{{TAGS}}", tags).Replace(classroomWorkflow)
}

// ciServices are the servers a Classroom job starts for a course on a
// database with a server, where the CLI looks by default (dbenv's
// DefaultDSN).
var ciServices = map[string]string{
	dbenv.Postgres: `      postgres:
        image: postgres:15
        env:
          POSTGRES_HOST_AUTH_METHOD: trust
        ports:
          - 5432:5432
        options: >-
          --health-cmd pg_isready --health-interval 2s --health-timeout 5s --health-retries 15
`,
	dbenv.MySQL: `      mysql:
        image: mariadb:10.11
        env:
          MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: "1"
        ports:
          - 3306:3306
        options: >-
          --health-cmd "healthcheck.sh --connect --innodb_initialized" --health-interval 2s --health-timeout 5s --health-retries 30
`,
}

// courseREADME ends the learner's README of a course on a database with a
// server: where to get one.
var courseREADME = map[string][]byte{
	dbenv.Postgres: []byte(`
## This course runs on PostgreSQL

Your koans run on PostgreSQL, as they are graded (` + "`" + DatabaseFile + "`" + ` says so;
` + "`--db sqlite`" + ` runs them on SQLite instead). You need a server: your system's
package (` + "`apt-get install postgresql`" + `, ` + "`brew install postgresql@15`" + `), Postgres.app, or
` + "`docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15`" + `.
The koans connect to ` + "`" + dbenv.DSNEnv + "`" + `, by default
` + "`" + dbenv.DefaultDSN + "`" + `; each koan works in a schema of its own,
dropped when it ends.
`),
	dbenv.MySQL: []byte(`
## This course runs on MySQL/MariaDB

Your koans run on MySQL or MariaDB, as they are graded (` + "`" + DatabaseFile + "`" + ` says so;
` + "`--db sqlite`" + ` runs them on SQLite instead). You need a server: your system's
package (` + "`apt-get install mariadb-server`" + `, ` + "`brew install mariadb`" + `), or
` + "`docker run -d -p 3306:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb:11`" + `.
The koans connect to ` + "`KOANS_MYSQL_DSN`" + `, by default
` + "`root@tcp(127.0.0.1:3306)/`" + `; each koan works in a database of its own,
dropped when it ends.
`),
}

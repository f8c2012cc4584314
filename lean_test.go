package gormkoans

import (
	"os/exec"
	"strings"
	"testing"
)

// drivers are the packages that make up PostgreSQL's and MySQL's drivers.
var drivers = []string{"github.com/jackc/", "github.com/go-sql-driver/", "gorm.io/driver/postgres", "gorm.io/driver/mysql"}

// On SQLite, what a learner builds links no database server's driver: not
// the CLI, not a phase's test binary (a koan about one server carries its
// build tag), so a save compiles and links no more than SQLite needs.
func TestSQLiteLinksNoServersDriver(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-test", "-f", "{{.ImportPath}} {{.ForTest}}", "./cmd/...", "./koans/...", "./solutions/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for line := range strings.Lines(string(out)) {
		pkg, forTest, _ := strings.Cut(strings.TrimSpace(line), " ")
		for _, d := range drivers {
			if strings.HasPrefix(pkg, d) {
				t.Errorf("%s is linked on SQLite (%s)", pkg, forTest)
			}
		}
	}
}

// The CLI a learner builds first compiles no network stack: only a server
// needs it, and the CLI built for one (internal/relaunch) links it then.
// The network stack is the CLI's largest cost after go/types, and takes
// cgo (runtime/cgo, a C compiler) with it.
func TestTheCLIOnSQLiteCompilesNoNetworkStack(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./cmd/koans").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for line := range strings.Lines(string(out)) {
		if pkg := strings.TrimSpace(line); pkg == "net" || pkg == "runtime/cgo" {
			t.Errorf("the CLI compiles %s on SQLite", pkg)
		}
	}
}

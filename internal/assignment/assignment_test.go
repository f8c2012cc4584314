package assignment

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/originals"
)

type verified struct {
	Score    int `json:"score"`
	MaxScore int `json:"max_score"`
	Koans    []struct {
		ID      string `json:"id"`
		Status  string `json:"status"`
		Message string `json:"message"`
	} `json:"koans"`
}

// verify runs the exported repository's own CLI, as a learner would.
func verify(t *testing.T, bin, dir string, args ...string) (verified, int) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"verify", "--format", "json"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	var v verified
	require.NoError(t, json.Unmarshal(out, &v), string(out))
	return v, code
}

func TestAnAssignmentHasNoSolutionsAndGradesFull(t *testing.T) {
	t.Parallel()
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "course")
	files, err := Write(repo, dir, "github.com/gorm-koans/gorm-koans/cmd/koans@v1.2.3", dbenv.SQLite)
	require.NoError(t, err)
	for _, f := range files {
		assert.False(t, strings.HasPrefix(f, "solutions/"), "an assignment ships no solutions: %s", f)
		assert.False(t, strings.HasPrefix(f, "internal/bench/"), "nor the authors' bench: %s", f)
	}
	orig, err := originals.Load(os.DirFS(repo))
	require.NoError(t, err)
	madeFrom, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(originals.MadeFromFile)))
	require.NoError(t, err)
	assert.Equal(t, orig.Hash()+"\n", string(madeFrom), "the export names the originals it was made from")
	exported, err := originals.Load(os.DirFS(dir))
	require.NoError(t, err)
	assert.Equal(t, orig.Hash(), exported.Hash(), "and the learner's CLI has the same")
	workflow, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "classroom.yml"))
	require.NoError(t, err)
	assert.Contains(t, string(workflow), `CLI: "github.com/gorm-koans/gorm-koans/cmd/koans@v1.2.3"`)
	assert.Contains(t, string(workflow), "verify --format classroom")
	assert.NotRegexp(t, `\{\{[A-Z_]+\}\}`, string(workflow), "every placeholder filled")
	assert.NotContains(t, string(workflow), "services:", "SQLite needs no server")

	_, err = Write(repo, dir, DefaultCLI, dbenv.SQLite)
	assert.ErrorContains(t, err, "is not empty", "an assignment never overwrites")

	bin := filepath.Join(t.TempDir(), "koans")
	build := exec.Command("go", "build", "-o", bin, "./cmd/koans")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOPROXY=off")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "the assignment builds: %s", out)

	sol := exec.Command(bin, "solution", "--force", "01_layers/TestModelLayer")
	sol.Dir = dir
	out, _ = sol.CombinedOutput()
	assert.Contains(t, string(out), "they are with your instructor")

	v, code := verify(t, bin, dir)
	assert.Equal(t, 1, code)
	assert.Positive(t, v.MaxScore)
	assert.Equal(t, 0, v.Score, "as handed out, every koan fails")
	for _, k := range v.Koans {
		assert.NotEqual(t, "tampered", k.Status, "%s: %s", k.ID, k.Message)
	}

	// The instructor's solutions laid over the learner's koans: full marks,
	// graded against the instructor's checkout.
	sols, err := filepath.Glob(filepath.Join(repo, "solutions", "*", "*.go"))
	require.NoError(t, err)
	for _, s := range sols {
		rel, _ := filepath.Rel(filepath.Join(repo, "solutions"), s)
		raw, err := os.ReadFile(s)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "koans", rel), raw, 0o644))
	}
	v, code = verify(t, bin, dir, "--original", repo)
	for _, k := range v.Koans {
		if k.Status != "pass" {
			t.Errorf("%s: %s: %s", k.ID, k.Status, k.Message)
		}
	}
	assert.Equal(t, 0, code)
	assert.Equal(t, v.MaxScore, v.Score)
}

// A course on PostgreSQL or MySQL: the workflow starts a server beside the
// grader, builds the grader with the database's driver and tells it the
// database; the repository names it, so the learner's own runs use it too,
// and the README says how to get a server.
func TestAnAssignmentOnAServer(t *testing.T) {
	t.Parallel()
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	for _, c := range []struct{ db, service, image, port, readme string }{
		{dbenv.Postgres, "postgres", "postgres:15", "5432:5432", "## This course runs on PostgreSQL"},
		{dbenv.MySQL, "mysql", "mariadb:10.11", "3306:3306", "## This course runs on MySQL/MariaDB"},
	} {
		d, ok := dbenv.Lookup(c.db)
		require.True(t, ok)
		dir := filepath.Join(t.TempDir(), "course")
		_, err = Write(repo, dir, DefaultCLI, c.db)
		require.NoError(t, err)

		raw, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "classroom.yml"))
		require.NoError(t, err)
		var workflow struct {
			Env  map[string]string `yaml:"env"`
			Jobs map[string]struct {
				Services map[string]struct {
					Image string            `yaml:"image"`
					Env   map[string]string `yaml:"env"`
					Ports []string          `yaml:"ports"`
				} `yaml:"services"`
				Steps []struct {
					ID  string `yaml:"id"`
					Run string `yaml:"run"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		require.NoError(t, yaml.Unmarshal(raw, &workflow), string(raw))
		assert.Equal(t, c.db, workflow.Env[dbenv.Env])
		assert.Equal(t, d.DefaultDSN, workflow.Env[d.DSNEnv], "the service is where the CLI looks by default")
		job := workflow.Jobs["run-autograding-tests"]
		svc := job.Services[c.service]
		assert.Equal(t, c.image, svc.Image)
		assert.Equal(t, []string{c.port}, svc.Ports)
		var step string
		for _, s := range job.Steps {
			if s.ID == "koans" {
				step = s.Run
			}
		}
		assert.Contains(t, step, `go run -tags `+d.Tag+` "$CLI" verify`)

		course, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(DatabaseFile)))
		require.NoError(t, err)
		assert.Equal(t, c.db+"\n", string(course))
		readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
		require.NoError(t, err)
		assert.Contains(t, string(readme), c.readme)
		assert.Contains(t, string(readme), d.DSNEnv)
	}
}

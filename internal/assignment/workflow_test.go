package assignment

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
)

// gradeStep is the run script of the workflow's grading step.
func gradeStep(t *testing.T) string {
	t.Helper()
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				ID  string `yaml:"id"`
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(workflow(DefaultCLI, dbenv.SQLite)), &wf))
	for _, s := range wf.Jobs["run-autograding-tests"].Steps {
		if s.ID == "koans" {
			return s.Run
		}
	}
	t.Fatal("no step with id koans")
	return ""
}

// runStep runs the step's script as GitHub runs a run step (bash -e -o
// pipefail), with a go that behaves as fakeGo says.
func runStep(t *testing.T, fakeGo string) (out string, code int, output string) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	require.NoError(t, os.Mkdir(bin, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bin, "go"), []byte("#!/bin/bash\n"+fakeGo+"\n"), 0o755))
	work := filepath.Join(dir, "work")
	require.NoError(t, os.Mkdir(work, 0o755))
	script := filepath.Join(dir, "step.sh")
	require.NoError(t, os.WriteFile(script, []byte(gradeStep(t)), 0o644))
	ghOutput := filepath.Join(dir, "output")
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = work
	cmd.Env = []string{"PATH=" + bin + ":/usr/bin:/bin", "CLI=" + DefaultCLI, "GITHUB_OUTPUT=" + ghOutput}
	raw, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	written, _ := os.ReadFile(ghOutput)
	return string(raw), code, string(written)
}

func TestTheWorkflowFailsLoudlyWithoutAResult(t *testing.T) {
	t.Parallel()
	out, code, output := runStep(t, `echo "koans: no PostgreSQL server answers at localhost:5432" >&2; exit 4`)
	assert.NotEqual(t, 0, code, "no result.json: the step fails\n%s", out)
	assert.Contains(t, out, "::error title=gorm-koans::the grader wrote no result: koans: no PostgreSQL server answers at localhost:5432", "with the grader's own message")
	assert.NotContains(t, output, "result=", "nothing for the reporter to misread")

	out, code, output = runStep(t, `for a in "$@"; do [ "$prev" = --output ] && printf '{"version":1}' > "$a"; prev=$a; done; exit 1`)
	assert.Equal(t, 0, code, "failing koans are the reporter's to show, not the step's\n%s", out)
	assert.Equal(t, "result="+base64.StdEncoding.EncodeToString([]byte(`{"version":1}`))+"\n", output)
	assert.False(t, strings.Contains(out, "::error"), out)
}

// The instructors' workflow of docs/grade-shards.yml: a matrix of as many
// shards as it says, each grading its shard, one job merging them.
func TestTheShardedWorkflowCoversEveryShard(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "grade-shards.yml"))
	require.NoError(t, err)
	var wf struct {
		Env  map[string]string `yaml:"env"`
		Jobs map[string]struct {
			Needs    string `yaml:"needs"`
			Strategy struct {
				Matrix struct {
					Shard []int `yaml:"shard"`
				} `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &wf))
	shards := wf.Jobs["grade"].Strategy.Matrix.Shard
	assert.Equal(t, wf.Env["SHARDS"], fmt.Sprint(len(shards)))
	for i, s := range shards {
		assert.Equal(t, i+1, s)
	}
	runs := func(job string) string {
		var b strings.Builder
		for _, s := range wf.Jobs[job].Steps {
			b.WriteString(s.Run)
		}
		return b.String()
	}
	assert.Contains(t, runs("grade"), `--shard "$SHARD/$SHARDS"`)
	assert.Equal(t, "grade", wf.Jobs["merge"].Needs)
	assert.Contains(t, runs("merge"), "grade merge --format html,csv,json --output gradebook/ shard-*.json")
}

package runner

// The streams in testdata/streams were written by real `go test -json` runs
// over the koans in testdata/checkout. To record them again (after a Go
// upgrade, say) and refresh the expected verdicts:
//
//	go test ./internal/runner -run TestJudgeGolden -record -update

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/testjson"
)

var (
	record = flag.Bool("record", false, "run go test again to record the streams in testdata/streams")
	update = flag.Bool("update", false, "rewrite the expected verdicts in testdata/golden")
)

// fakeRoot stands in for the absolute path of testdata/checkout, which
// differs on every machine; recorded streams hold it as $ROOT.
const fakeRoot = "/ROOT"

type recording struct {
	name   string
	phases []string // phase directories the verdicts are given for
	args   []string // go test arguments after -json
}

var recordings = []recording{
	{"demo", []string{"01_demo"}, []string{"-vet=off", "./koans/01_demo"}},
	{"demo-rerun", []string{"01_demo"}, []string{"-vet=off", "-run=^(TestAfterPanic)$", "./koans/01_demo"}},
	{"broken", []string{"02_broken"}, []string{"-vet=off", "./koans/02_broken"}},
	{"syntax", []string{"03_syntax"}, []string{"-vet=off", "./koans/03_syntax"}},
	{"timeout", []string{"04_timeout"}, []string{"-vet=off", "-timeout=1s", "./koans/04_timeout"}},
	{"mixed", []string{"01_demo", "02_broken", "03_syntax"}, []string{"-vet=off", "./koans/01_demo", "./koans/02_broken", "./koans/03_syntax"}},
	{"no-package", []string{"01_demo"}, []string{"-vet=off", "./koans/99_missing"}},
	{"go-error", []string{"01_demo"}, []string{"-vet=off", "-modfile=no-such.mod", "./koans/01_demo"}},
}

func TestJudgeGolden(t *testing.T) {
	t.Parallel()
	checkout, err := filepath.Abs(filepath.Join("testdata", "checkout"))
	require.NoError(t, err)
	cat, err := catalog.Load(checkout)
	require.NoError(t, err)
	cat.Root = fakeRoot

	for _, rec := range recordings {
		t.Run(rec.name, func(t *testing.T) {
			streamFile := filepath.Join("testdata", "streams", rec.name+".jsonl")
			if *record {
				recordStream(t, checkout, streamFile, rec.args)
			}
			raw, err := os.ReadFile(streamFile)
			require.NoError(t, err, "record the streams with -record")
			raw = bytes.ReplaceAll(raw, []byte("$ROOT"), []byte(fakeRoot))
			stream, err := testjson.Read(bytes.NewReader(raw), nil)
			require.NoError(t, err)

			var verdicts []goldenVerdict
			for _, dir := range rec.phases {
				p, ok := cat.Phase(dir)
				require.True(t, ok, dir)
				for _, k := range p.Koans {
					res, ran := Judge(fakeRoot, catalog.KoansDir, stream, k)
					verdicts = append(verdicts, goldenOf(res, ran))
				}
			}
			got, err := json.MarshalIndent(verdicts, "", "  ")
			require.NoError(t, err)
			goldenFile := filepath.Join("testdata", "golden", rec.name+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(goldenFile), 0o755))
				require.NoError(t, os.WriteFile(goldenFile, append(got, '\n'), 0o644))
			}
			want, err := os.ReadFile(goldenFile)
			require.NoError(t, err, "write the golden files with -update")
			assert.Equal(t, strings.TrimSpace(string(want)), strings.TrimSpace(string(got)))
		})
	}
}

type goldenVerdict struct {
	Koan    string   `json:"koan"`
	Ran     bool     `json:"ran"`
	Status  Status   `json:"status"`
	Message string   `json:"message"`
	File    string   `json:"file"`
	Line    int      `json:"line"`
	SQL     []string `json:"sql,omitempty"`
}

func goldenOf(r Result, ran bool) goldenVerdict {
	return goldenVerdict{Koan: r.Koan.ID, Ran: ran, Status: r.Status, Message: r.Message, File: r.File, Line: r.Line, SQL: r.SQL}
}

// recordStream runs go test -json in the checkout and saves its output,
// stdout then stderr, with the checkout's path replaced by $ROOT.
func recordStream(t *testing.T, checkout, file string, args []string) {
	t.Helper()
	cmd := exec.CommandContext(context.Background(), "go", append([]string{"test", "-json"}, args...)...)
	cmd.Dir = checkout
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // failing koans make go test exit non-zero: that is the point
	out := append(stdout.Bytes(), stderr.Bytes()...)
	out = bytes.ReplaceAll(out, []byte(checkout), []byte("$ROOT"))
	require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
	require.NoError(t, os.WriteFile(file, out, 0o644))
}

package grade

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/sandbox"
	"github.com/gorm-koans/gorm-koans/internal/testcheckout"
)

// escapes are koans that pass only if their process can reach outside its
// copy. They are written as originals, so no tamper check stands in the
// way: the sandbox alone must stop them.
const escapes = `package escape

import (
	"net"
	"os"
	"testing"
	"time"
)

// TestWriteOutside: overwrites a file outside the graded copy.
func TestWriteOutside(t *testing.T) {
	if err := os.WriteFile(%q, []byte("pwned"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadHome: reads a file in the grader's home.
func TestReadHome(t *testing.T) {
	if _, err := os.ReadFile(%q); err != nil {
		t.Fatal(err)
	}
}

// TestDial: opens a TCP connection.
func TestDial(t *testing.T) {
	c, err := net.DialTimeout("tcp", %q, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}
`

// needSandbox is bubblewrap's sandbox. Without one the test skips, except
// in CI, which installs it (.ci/run) and must not pass by skipping.
func needSandbox(t *testing.T) *sandbox.Sandbox {
	t.Helper()
	sb, err := sandbox.New()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the sandbox must be tested in CI: %v", err)
		}
		t.Skipf("no sandbox on this machine: %v", err)
	}
	return sb
}

func TestTheSandboxKeepsSubmissionsIn(t *testing.T) {
	t.Parallel()
	sb := needSandbox(t)

	outside := filepath.Join(t.TempDir(), "outside.txt")
	require.NoError(t, os.WriteFile(outside, []byte("untouched"), 0o644))
	home, err := os.UserHomeDir()
	require.NoError(t, err)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	secret := filepath.Join(home, ".koans-sandbox-test-"+hex.EncodeToString(b))
	require.NoError(t, os.WriteFile(secret, []byte("a token"), 0o600))
	t.Cleanup(func() { os.Remove(secret) })
	root := onePhase(t, "escape", fmt.Sprintf(escapes, outside, secret, listen(t, "tcp", "127.0.0.1:0")))
	grade := func(sb *sandbox.Sandbox) map[string]int { return gradeOwn(t, root, sb) }

	assert.Equal(t, map[string]int{"TestWriteOutside": 0, "TestReadHome": 0, "TestDial": 0}, grade(sb))
	raw, err := os.ReadFile(outside)
	require.NoError(t, err)
	assert.Equal(t, "untouched", string(raw), "the file outside the copy is untouched")

	// Without the sandbox every escape works: the koans above could pass.
	assert.Equal(t, map[string]int{"TestWriteOutside": 1, "TestReadHome": 1, "TestDial": 1}, grade(nil))
}

// onePhase writes a checkout whose one phase, 01_name, is src: koans
// without blanks, which pass or fail on what their process can do. The
// checkout is its own submission, its koans as shipped.
func onePhase(t *testing.T, name, src string) string {
	t.Helper()
	root := module(t)
	writePhase(t, root, name, src)
	return root
}

// writePhase writes onePhase's phase into a module: 01_name, or name
// when it is numbered.
func writePhase(t *testing.T, root, name, src string) {
	t.Helper()
	dir := "01_" + name
	if name[0] >= '0' && name[0] <= '9' {
		dir = name
	}
	sol := filepath.Join(root, "solutions", dir, name+"_test.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(sol), 0o755))
	require.NoError(t, os.WriteFile(sol, []byte(src), 0o644))
	readme := filepath.Join(root, "koans", dir, "README.md")
	require.NoError(t, os.MkdirAll(filepath.Dir(readme), 0o755))
	require.NoError(t, os.WriteFile(readme, []byte("# 01 · "+name+" 🔴\n"), 0o644))
	require.NoError(t, testcheckout.Generate(root))
}

// gradeOwn grades a checkout as its own submission, with sb (nil: none),
// and returns each koan's points by name.
func gradeOwn(t *testing.T, root string, sb *sandbox.Sandbox) map[string]int {
	t.Helper()
	orig, cat := load(t, root)
	g := New(orig, cat)
	g.Sandbox = sb
	g.Timeout = 5 * time.Second
	defer g.Close()
	return scores(t, g, root)
}

// scores grades one submission and returns each koan's points by name.
func scores(t *testing.T, g *Grader, dir string) map[string]int {
	t.Helper()
	s := g.Grade(t.Context(), dir)
	require.NoError(t, s.Err)
	points := map[string]int{}
	for _, k := range s.Sheet.Koans {
		points[k.Koan.Name] = k.Score
		t.Logf("sandbox=%v %s: %s %s", g.Sandbox.Enabled(), k.Koan.Name, k.Verdict(), runner.FirstLine(k.Message))
	}
	return points
}

// listen accepts and hangs up on network/address until the test ends.
func listen(t *testing.T, network, address string) string {
	t.Helper()
	ln, err := net.Listen(network, address)
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln.Addr().String()
}

// reaches are koans that pass only if their process can read or write what
// belongs to the grader or to other submissions: the sandbox binds none of
// it. TestPrivate is honest: its own temporary files work.
const reaches2 = `package reach

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadOriginal: reads a file of the originals' checkout.
func TestReadOriginal(t *testing.T) {
	if _, err := os.ReadFile(%q); err != nil {
		t.Fatal(err)
	}
}

// TestReadOther: reads a file of another submission.
func TestReadOther(t *testing.T) {
	if _, err := os.ReadFile(%q); err != nil {
		t.Fatal(err)
	}
}

// TestWriteTree: writes into the graded copies of the koan files.
func TestWriteTree(t *testing.T) {
	copies, _ := filepath.Glob(%q)
	if len(copies) == 0 {
		t.Fatal("no graded copy found")
	}
	for _, c := range copies {
		if err := os.WriteFile(c, []byte("package reach\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteBinary: changes its own test binary, which the cache keeps for
// other submissions.
func TestWriteBinary(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(self, 0o777); err != nil {
		t.Fatal(err)
	}
}

// TestPrivate: writes and reads back its own temporary files.
func TestPrivate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.db")
	if err := os.WriteFile(p, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if raw, err := os.ReadFile(p); err != nil || string(raw) != "mine" {
		t.Fatal(err)
	}
}
`

// A koan reads neither the originals nor another submission, writes neither
// the graded tree nor its binary, and still has a private place to write.
func TestTheSandboxKeepsSubmissionsApart(t *testing.T) {
	t.Parallel()
	sb := needSandbox(t)
	other := filepath.Join(t.TempDir(), "other", "koans", "01_x", "x_test.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(other), 0o755))
	require.NoError(t, os.WriteFile(other, []byte("package x\n"), 0o644))
	graded := filepath.Join(os.TempDir(), "koans-grade-*", "koans", "01_reach", "*_test.go")
	root := module(t)
	writePhase(t, root, "reach", fmt.Sprintf(reaches2, filepath.Join(root, "go.mod"), other, graded))
	grade := func(sb *sandbox.Sandbox) map[string]int { return gradeOwn(t, root, sb) }
	assert.Equal(t, map[string]int{"TestReadOriginal": 0, "TestReadOther": 0, "TestWriteTree": 0, "TestWriteBinary": 0, "TestPrivate": 1}, grade(sb))
	raw, err := os.ReadFile(other)
	require.NoError(t, err)
	assert.Equal(t, "package x\n", string(raw))
	// Without the sandbox the koans above could pass.
	assert.Equal(t, map[string]int{"TestReadOriginal": 1, "TestReadOther": 1, "TestWriteTree": 1, "TestWriteBinary": 1, "TestPrivate": 1}, grade(nil))
}

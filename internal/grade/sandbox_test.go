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

	"github.com/gorm-koans/gorm-koans/internal/originals"
	"github.com/gorm-koans/gorm-koans/internal/sandbox"
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
	orig, cat := load(t, root)
	grade := func(sb *sandbox.Sandbox) map[string]int {
		g := New(orig, cat)
		g.Sandbox = sb
		g.Timeout = 5 * time.Second
		defer g.Close()
		return scores(t, g, root)
	}

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
	sol := filepath.Join(root, "solutions", "01_"+name, name+"_test.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(sol), 0o755))
	require.NoError(t, os.WriteFile(sol, []byte(src), 0o644))
	readme := filepath.Join(root, "koans", "01_"+name, "README.md")
	require.NoError(t, os.MkdirAll(filepath.Dir(readme), 0o755))
	require.NoError(t, os.WriteFile(readme, []byte("# 01 · "+name+" 🔴\n"), 0o644))
	koans, err := originals.Koans(os.DirFS(root), "")
	require.NoError(t, err)
	for p, src := range koans {
		require.NoError(t, os.WriteFile(filepath.Join(root, p), src, 0o644))
	}
	return root
}

// scores grades one submission and returns each koan's points by name.
func scores(t *testing.T, g *Grader, dir string) map[string]int {
	t.Helper()
	s := g.Grade(t.Context(), dir)
	require.NoError(t, s.Err)
	points := map[string]int{}
	for _, k := range s.Sheet.Koans {
		points[k.Koan.Name] = k.Score
		t.Logf("sandbox=%v %s: %s %s", g.Sandbox.Enabled(), k.Koan.Name, k.Verdict(), firstLine(k.Message))
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

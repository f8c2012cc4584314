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

func TestTheSandboxKeepsSubmissionsIn(t *testing.T) {
	sb, err := sandbox.New()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the sandbox must be tested in CI: %v", err)
		}
		t.Skipf("no sandbox on this machine: %v", err)
	}

	outside := filepath.Join(t.TempDir(), "outside.txt")
	require.NoError(t, os.WriteFile(outside, []byte("untouched"), 0o644))
	home, err := os.UserHomeDir()
	require.NoError(t, err)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	secret := filepath.Join(home, ".koans-sandbox-test-"+hex.EncodeToString(b))
	require.NoError(t, os.WriteFile(secret, []byte("a token"), 0o600))
	t.Cleanup(func() { os.Remove(secret) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()

	root := module(t)
	src := fmt.Sprintf(escapes, outside, secret, ln.Addr().String())
	for _, dir := range []string{"solutions", "koans"} {
		p := filepath.Join(root, dir, "01_escape", "escape_test.go")
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(root, "koans", "01_escape", "README.md"), []byte("# 01 · Escapes 🔴\n"), 0o644))

	orig, cat := load(t, root)
	grade := func(sb *sandbox.Sandbox) map[string]int {
		g := New(orig, cat)
		g.Sandbox = sb
		g.Timeout = 5 * time.Second
		defer g.Close()
		s := g.Grade(t.Context(), root)
		require.NoError(t, s.Err)
		points := map[string]int{}
		for _, k := range s.Sheet.Koans {
			points[k.Koan.Name] = k.Score
			t.Logf("sandbox=%v %s: %s %s", sb.Enabled(), k.Koan.Name, k.Verdict(), firstLine(k.Message))
		}
		return points
	}

	assert.Equal(t, map[string]int{"TestWriteOutside": 0, "TestReadHome": 0, "TestDial": 0}, grade(sb))
	raw, err := os.ReadFile(outside)
	require.NoError(t, err)
	assert.Equal(t, "untouched", string(raw), "the file outside the copy is untouched")

	// Without the sandbox every escape works: the koans above could pass.
	assert.Equal(t, map[string]int{"TestWriteOutside": 1, "TestReadHome": 1, "TestDial": 1}, grade(nil))
}

package grade

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// bombs are koans that would take a grading machine's memory, processes
// and threads. Each costs its own koan, with a message that says which
// limit it met; the honest koan beside them passes.
const bombs = `package bomb

import (
	"os/exec"
	"runtime"
	"testing"
	"time"
)

// TestMemory: touches 2 GiB.
func TestMemory(t *testing.T) {
	b := make([]byte, 2<<30)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
}

// TestThreads: holds a thousand OS threads.
func TestThreads(t *testing.T) {
	done := make(chan struct{})
	for range 1000 {
		go func() {
			runtime.LockOSThread()
			<-done
		}()
	}
	time.Sleep(2 * time.Second)
	close(done)
}

// TestProcesses: starts three hundred processes.
func TestProcesses(t *testing.T) {
	for range 300 {
		if err := exec.Command("sleep", "3").Start(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHonest: passes.
func TestHonest(t *testing.T) {}
`

func TestMemoryThreadAndProcessBombsCostTheirKoan(t *testing.T) {
	sb := needSandbox(t)
	root := onePhase(t, "bomb", bombs)
	orig, cat := load(t, root)
	g := New(orig, cat)
	g.Sandbox, g.Timeout = sb, 20*time.Second
	defer g.Close()
	s := g.Grade(t.Context(), root)
	require.NoError(t, s.Err)
	want := map[string]string{
		"TestMemory":    "ran out of memory",
		"TestThreads":   "ran out of processes",
		"TestProcesses": "ran out of processes",
	}
	for _, k := range s.Sheet.Koans {
		t.Logf("%s: %s %s", k.Koan.Name, k.Verdict(), runner.FirstLine(k.Message))
		if k.Koan.Name == "TestHonest" {
			assert.Equal(t, "pass", k.Verdict())
			continue
		}
		assert.Equal(t, "fail", k.Verdict(), k.Koan.Name)
		assert.Contains(t, k.Message, want[k.Koan.Name], k.Koan.Name)
	}
}

// A phase whose constants double without end is stopped by the build's
// memory bound or deadline, and scored as that phase's compile error;
// another phase of the same submission is graded as usual.
func TestACompileBombIsACompileErrorOfItsPhase(t *testing.T) {
	var src strings.Builder
	src.WriteString("package cbomb\n\nimport \"testing\"\n\nconst s0 = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"\n")
	for i := 1; i <= 32; i++ {
		fmt.Fprintf(&src, "const s%d = s%d + s%d\n", i, i-1, i-1)
	}
	src.WriteString("\n// TestBomb: a long constant.\nfunc TestBomb(t *testing.T) {\n\tif len(s32) == 0 {\n\t\tt.Fatal(\"empty\")\n\t}\n}\n")
	root := onePhase(t, "cbomb", src.String())
	writePhase(t, root, "02_fine", "package fine\n\nimport \"testing\"\n\n// TestFine: passes.\nfunc TestFine(t *testing.T) {}\n")
	orig, cat := load(t, root)
	g := New(orig, cat)
	g.BuildTimeout = 30 * time.Second
	defer g.Close()
	start := time.Now()
	s := g.Grade(t.Context(), root)
	require.NoError(t, s.Err)
	t.Logf("graded in %s", time.Since(start).Round(time.Second))
	for _, k := range s.Sheet.Koans {
		t.Logf("%s: %s %s", k.Koan.ID, k.Verdict(), runner.FirstLine(k.Message))
		switch k.Koan.Name {
		case "TestBomb":
			assert.Equal(t, "compile_error", k.Verdict())
			assert.Contains(t, k.Message, "does not compile: ")
		case "TestFine":
			assert.Equal(t, "pass", k.Verdict())
		}
	}
}

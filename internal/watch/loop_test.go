package watch

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/testscreen"
)

// fakeClock hands out timers that fire only when the test says so.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []chan time.Time
	asked  []time.Duration
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.timers = append(c.timers, ch)
	c.asked = append(c.asked, d)
	return ch
}

// fireDebounce waits until the loop has asked for a debounce timer, then
// fires every timer.
func (c *fakeClock) fireDebounce(t *testing.T) {
	t.Helper()
	eventually(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, d := range c.asked {
			if d == Debounce {
				return true
			}
		}
		return false
	}, "a debounce timer")
	c.fire()
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// fire fires every timer handed out so far.
func (c *fakeClock) fire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Second)
	for _, t := range c.timers {
		t <- c.now
	}
	c.timers = nil
	c.asked = nil
}

// phaseRuns records which phases each run was asked for, and lets the test
// decide when a run finishes and what it says.
type phaseRuns struct {
	mu      sync.Mutex
	calls   [][]string
	release chan struct{}
	verdict func(*catalog.Koan) runner.Status
}

func (p *phaseRuns) run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	seen := map[string]bool{}
	var phases []string
	for _, k := range koans {
		if !seen[k.Phase.Dir] {
			seen[k.Phase.Dir] = true
			phases = append(phases, k.Phase.Dir)
		}
	}
	p.mu.Lock()
	p.calls = append(p.calls, phases)
	p.mu.Unlock()
	select {
	case <-p.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	out := make([]runner.Result, len(koans))
	for i, k := range koans {
		out[i] = runner.Result{Koan: k, Status: p.verdict(k), File: k.File, Line: k.Line, Message: "fill in the blank"}
	}
	return out, nil
}

func (p *phaseRuns) Calls() [][]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([][]string(nil), p.calls...)
}

// fakeWorkspace is a checkout whose runs the test decides (phaseRuns),
// whose koans never change on disk, and which remembers the koans shown.
type fakeWorkspace struct {
	cat   *catalog.Catalog
	runs  *phaseRuns
	mu    sync.Mutex
	shown []string
}

func (w *fakeWorkspace) Reload([]string) (*catalog.Catalog, error) { return w.cat, nil }

func (w *fakeWorkspace) Run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error) {
	return w.runs.run(ctx, koans)
}

func (w *fakeWorkspace) View(*catalog.Koan) report.View { return report.View{} }

func (w *fakeWorkspace) Reference(*catalog.Koan) report.Reference { return report.Reference{} }

func (w *fakeWorkspace) Shown(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.shown = append(w.shown, id)
}

func twoPhases() *catalog.Catalog {
	cat := &catalog.Catalog{}
	for n, dir := range []string{"01_one", "02_two"} {
		p := &catalog.Phase{Dir: dir, Number: n + 1, Title: "Phase " + dir}
		for _, name := range []string{"TestA", "TestB"} {
			p.Koans = append(p.Koans, &catalog.Koan{ID: dir + "/" + name, Name: name, Phase: p, Title: dir + " " + name + ".", File: "koans/" + dir + "/x_test.go", Line: 1})
		}
		cat.Phases = append(cat.Phases, p)
	}
	return cat
}

type harness struct {
	clock *fakeClock
	runs  *phaseRuns
	files chan string
	keys  chan Key
	out   *testscreen.Screen
	done  chan error
}

func start(t *testing.T, known map[string]runner.Status, verdict func(*catalog.Koan) runner.Status, opts ...func(*Loop)) *harness {
	t.Helper()
	h := &harness{
		clock: &fakeClock{now: time.Unix(0, 0)},
		runs:  &phaseRuns{release: make(chan struct{}), verdict: verdict},
		files: make(chan string, 16),
		keys:  make(chan Key, 16),
		out:   &testscreen.Screen{},
		done:  make(chan error, 1),
	}
	cat := twoPhases()
	if known == nil {
		// As after a first session: every koan has a verdict, so no phase
		// runs only to establish the count (TestAFirstStartChecksEveryPhase).
		known = map[string]runner.Status{}
		for _, k := range cat.Koans() {
			known[k.ID] = runner.Fail
		}
	}
	l := &Loop{
		Catalog: cat, Workspace: &fakeWorkspace{cat: cat, runs: h.runs}, Out: h.out, Style: report.NewStyle(false),
		Known: known, Files: h.files, Keys: h.keys,
		After: h.clock.After, Now: h.clock.Now, Mode: func() string { return ModeEvents },
	}
	for _, opt := range opts {
		opt(l)
	}
	go func() { h.done <- l.Start(t.Context()) }()
	t.Cleanup(func() {
		h.keys <- 'q'
		select {
		case <-h.done:
		case <-time.After(5 * time.Second):
			t.Error("the loop did not stop on q")
		}
	})
	return h
}

func eventually(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func failAll(*catalog.Koan) runner.Status { return runner.Fail }

func TestStartShowsLastKnownProgressBeforeRunning(t *testing.T) {
	known := map[string]runner.Status{"01_one/TestA": runner.Pass, "01_one/TestB": runner.Pass}
	h := start(t, known, failAll)
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	frame := h.out.Frame()
	assert.Contains(t, frame, "2/4", "progress from the state file, before any run ends")
	assert.Contains(t, frame, "02_two TestA.", "the first koan not known to pass")
	assert.Equal(t, [][]string{{"02_two"}}, h.runs.Calls(), "only the current koan's phase runs at start")
}

func TestSavesAreDebouncedAndOnlyTheirPhaseRuns(t *testing.T) {
	h := start(t, nil, failAll)
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "fill in the blank") }, "the first verdict on screen")

	for range 5 {
		h.files <- "/repo/koans/02_two/x_test.go"
	}
	h.files <- "/repo/koans/notaphase/x.go"
	time.Sleep(20 * time.Millisecond)
	assert.Len(t, h.runs.Calls(), 1, "nothing runs before the debounce ends")
	h.clock.fireDebounce(t)
	eventually(t, func() bool { return len(h.runs.Calls()) == 2 }, "the run after the debounce")
	assert.Equal(t, []string{"02_two"}, h.runs.Calls()[1], "one run, of the saved phase only")
	h.runs.release <- struct{}{}
}

func TestSavesDuringARunCauseOneRerun(t *testing.T) {
	h := start(t, nil, failAll)
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	for range 10 {
		h.files <- "/repo/koans/01_one/x_test.go"
		h.clock.fireDebounce(t)
	}
	time.Sleep(20 * time.Millisecond)
	assert.Len(t, h.runs.Calls(), 1, "no run starts while one is going")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return len(h.runs.Calls()) == 2 }, "the rerun")
	h.runs.release <- struct{}{}
	time.Sleep(20 * time.Millisecond)
	assert.Len(t, h.runs.Calls(), 2, "ten saves, one rerun")
}

func TestAPassingPhaseAdvancesToTheNext(t *testing.T) {
	var mu sync.Mutex
	solved := false
	verdict := func(k *catalog.Koan) runner.Status {
		mu.Lock()
		defer mu.Unlock()
		if k.Phase.Dir == "01_one" && solved {
			return runner.Pass
		}
		return runner.Fail
	}
	h := start(t, nil, verdict)
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "fill in the blank") }, "koan 1's verdict")

	mu.Lock()
	solved = true
	mu.Unlock()
	h.files <- "/repo/koans/01_one/x_test.go"
	h.clock.fireDebounce(t)
	eventually(t, func() bool { return len(h.runs.Calls()) == 2 }, "the rerun")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return len(h.runs.Calls()) == 3 }, "phase 2 confirmed without a keypress")
	assert.Equal(t, []string{"02_two"}, h.runs.Calls()[2])
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "Phase 01 done") }, "the end of phase 1")
	assert.Contains(t, h.out.Frame(), "Next: 02 · Phase 02_two")
	assert.Contains(t, h.out.Frame(), "koans/02_two/README.md")
	h.keys <- 'x'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "02_two TestA.") }, "koan 3 on screen after a key")
	assert.Contains(t, h.out.Frame(), "2/4")
}

func TestListJumpsAndFinds(t *testing.T) {
	h := start(t, nil, failAll)
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	h.runs.release <- struct{}{}
	h.keys <- 'l'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "> ✗ TestA  01_one") }, "the list at koan 1")
	h.keys <- '2'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "> ✗ TestA  02_two") }, "2 jumps to phase 2")
	h.keys <- 'g'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "> ✗ TestA  01_one") }, "g: the top")
	h.keys <- 'G'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "> ✗ TestB  02_two") }, "G: the bottom")
	h.keys <- KeyPgUp
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "> ✗ TestA  01_one") }, "PgUp: a page up")
	for _, k := range []Key{'/', 'b'} {
		h.keys <- k
	}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "find: /b") }, "the search on screen")
	assert.Contains(t, h.out.Frame(), "> ✗ TestB  01_one", "the first koan whose name holds b")
	h.keys <- KeyEnter
	h.keys <- KeyEnter
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "picked from the list") }, "the koan found, opened")
	assert.Contains(t, h.out.Frame(), "01_one TestB.")
}

func TestSkipSaysSoAndASolvedPickStaysNearby(t *testing.T) {
	var mu sync.Mutex
	solved := map[string]bool{}
	verdict := func(k *catalog.Koan) runner.Status {
		mu.Lock()
		defer mu.Unlock()
		if solved[k.ID] {
			return runner.Pass
		}
		return runner.Fail
	}
	h := start(t, nil, verdict)
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	h.runs.release <- struct{}{}
	h.keys <- 'n'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "skipped ahead") }, "n says it skipped")
	assert.NotContains(t, h.out.Frame(), "picked from the list")
	h.keys <- 'n'
	eventually(t, func() bool { return len(h.runs.Calls()) == 2 }, "phase 2 runs")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "02_two TestA.") }, "skipped to phase 2")

	mu.Lock()
	solved["02_two/TestA"] = true
	mu.Unlock()
	h.files <- "/repo/koans/02_two/x_test.go"
	h.clock.fireDebounce(t)
	eventually(t, func() bool { return len(h.runs.Calls()) == 3 }, "the rerun")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "02_two TestB.") }, "the next koan after the solved one, not phase 1")
	assert.Contains(t, h.out.Frame(), "p: the first failing koan")
	h.keys <- 'p'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "01_one TestA.") }, "p: the path's first failing koan")
}

// The end screen names the phase whose README holds the path's ending,
// not merely the last phase.
func TestTheEndScreen(t *testing.T) {
	h := start(t, map[string]runner.Status{}, func(*catalog.Koan) runner.Status { return runner.Pass }, func(l *Loop) {
		l.Catalog.Phases[0].Ending = true
	})
	for range 2 {
		eventually(t, func() bool { return len(h.runs.Calls()) >= 1 }, "a run")
		h.runs.release <- struct{}{}
	}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "Every koan passes") }, "the end screen")
	assert.Contains(t, h.out.Frame(), "koans/01_one/README.md")
	assert.NotContains(t, h.out.Frame(), "koans/02_two/README.md")
}

func TestKeys(t *testing.T) {
	h := start(t, nil, failAll)
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "fill in the blank") }, "koan 1's verdict")

	h.keys <- 'n'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "01_one TestB.") }, "n skips to koan 2")
	h.keys <- 'l'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "> ✗ TestB") }, "the list, at the current koan")
	h.keys <- KeyDown
	h.keys <- KeyEnter
	eventually(t, func() bool { return len(h.runs.Calls()) == 2 }, "picking a koan of an unrun phase runs it")
	require.Equal(t, []string{"02_two"}, h.runs.Calls()[1], "%v\n%s", h.runs.Calls(), h.out.Frame())
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "02_two TestA.") }, "the picked koan")
	h.keys <- 'r'
	eventually(t, func() bool { return len(h.runs.Calls()) == 3 }, "r reruns")
	assert.Equal(t, []string{"02_two"}, h.runs.Calls()[2])
	h.runs.release <- struct{}{}
}

func TestDecodeKeys(t *testing.T) {
	assert.Equal(t, []Key{'h', KeyUp, KeyDown, KeyEnter, KeyEnter, KeyCtrlC}, decode([]byte("h\x1b[A\x1b[B\r\n\x03")))
	assert.Equal(t, []Key{'q'}, decode([]byte("\x1b[Cq")), "other escape sequences are ignored")
	assert.Equal(t, []Key{KeyPgUp, KeyPgDn, 'g'}, decode([]byte("\x1b[5~\x1b[6~g")))
}

func TestATallScreenIsCutAboveItsKeys(t *testing.T) {
	body := strings.Join([]string{"title", "l1", "l2", "l3", "l4", "l5", "l6"}, "\n")
	got := fitHeight(body, "\nh hint · q quit", 80, 6, report.NewStyle(false))
	assert.Equal(t, "title\nl1\n… 5 more lines: a taller terminal shows them\n\nh hint · q quit", got)
	assert.Equal(t, "title\nl1\n… 5 more lines: a tal…\n\nh hint · q quit", fitHeight(body, "\nh hint · q quit", 22, 6, report.NewStyle(false)), "the note fits the width too")
	assert.Equal(t, "title\n\nkeys", fitHeight("title", "\nkeys", 80, 6, report.NewStyle(false)), "a screen that fits is whole")
}

// The hint ladder belongs to one koan: a koan that comes up — after a pass,
// by n, by p, from the list — starts with no help shown, so a second hint
// climbed on one koan never shows the next koan's answer.
func TestHelpBelongsToOneKoan(t *testing.T) {
	climb := func(t *testing.T, h *harness, on string, presses int) {
		t.Helper()
		eventually(t, func() bool { f := h.out.Frame(); return strings.Contains(f, on) && strings.Contains(f, "   koan ") }, on+" on screen")
		for range presses {
			h.keys <- 'h'
		}
		want := map[int]string{1: "h again: your SQL beside the solution's", 2: "h hide the hints"}[presses]
		eventually(t, func() bool { return strings.Contains(h.out.Frame(), want) }, "help climbed on "+on)
		assert.Contains(t, h.out.Frame(), "Hint for")
	}
	unhelped := func(t *testing.T, h *harness, on string) {
		t.Helper()
		// The koan's own screen ("koan 2/2" in its header), not the list
		// that names it too.
		eventually(t, func() bool { f := h.out.Frame(); return strings.Contains(f, on) && strings.Contains(f, "   koan ") }, on+" on screen")
		frame := h.out.Frame()
		assert.NotContains(t, frame, "Hint for", "no hint carried over to %s", on)
		assert.NotContains(t, frame, "beside the solution", "no second hint carried over to %s", on)
		assert.Contains(t, frame, "h hint ·")
	}
	firstRun := func(t *testing.T, verdict func(*catalog.Koan) runner.Status) *harness {
		h := start(t, nil, verdict)
		eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
		h.runs.release <- struct{}{}
		return h
	}

	t.Run("after a pass", func(t *testing.T) {
		var mu sync.Mutex
		solved := false
		h := firstRun(t, func(k *catalog.Koan) runner.Status {
			mu.Lock()
			defer mu.Unlock()
			if k.ID == "01_one/TestA" && solved {
				return runner.Pass
			}
			return runner.Fail
		})
		climb(t, h, "01_one TestA.", 2)
		mu.Lock()
		solved = true
		mu.Unlock()
		h.files <- "/repo/koans/01_one/x_test.go"
		h.clock.fireDebounce(t)
		eventually(t, func() bool { return len(h.runs.Calls()) == 2 }, "the rerun")
		h.runs.release <- struct{}{}
		unhelped(t, h, "01_one TestB.")
	})
	t.Run("by n, and back by p", func(t *testing.T) {
		h := firstRun(t, failAll)
		climb(t, h, "01_one TestA.", 1)
		h.keys <- 'n'
		unhelped(t, h, "01_one TestB.")
		climb(t, h, "01_one TestB.", 2)
		h.keys <- 'p'
		unhelped(t, h, "01_one TestA.")
	})
	t.Run("from the list", func(t *testing.T) {
		h := firstRun(t, failAll)
		climb(t, h, "01_one TestA.", 2)
		h.keys <- 'l'
		h.keys <- KeyDown
		h.keys <- KeyEnter
		unhelped(t, h, "01_one TestB.")
	})
}

// With no verdicts from an earlier session the count is not known: the
// screen says so, and once the current koan's phase has run, the other
// phases run one at a time, behind the first screen, until it is.
func TestAFirstStartChecksEveryPhase(t *testing.T) {
	h := start(t, map[string]runner.Status{}, func(k *catalog.Koan) runner.Status {
		if k.ID == "02_two/TestB" {
			return runner.Pass
		}
		return runner.Fail
	})
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	assert.Contains(t, h.out.Frame(), "4 of 4 koans not checked yet")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return len(h.runs.Calls()) == 2 }, "the next phase, behind the first screen")
	assert.Equal(t, []string{"02_two"}, h.runs.Calls()[1])
	assert.Contains(t, h.out.Frame(), "01_one TestA.", "the first koan's screen is up meanwhile")
	assert.Contains(t, h.out.Frame(), "2 of 4 koans not checked yet")
	h.runs.release <- struct{}{}
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "1/4") }, "the count, established")
	assert.NotContains(t, h.out.Frame(), "not checked yet")
	time.Sleep(20 * time.Millisecond)
	assert.Len(t, h.runs.Calls(), 2, "every phase checked once")
}

// A first build says how far it is while it runs, not only that it is slow.
func TestAFirstBuildShowsHowFarItIs(t *testing.T) {
	h := start(t, map[string]runner.Status{}, failAll, func(l *Loop) {
		l.FirstRun = true
		l.Building = func() string { return "first build: 37 of at most 160 packages compiled (gorm.io/gorm)" }
	})
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	h.clock.fire()
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "37 of at most 160 packages") }, "the build's progress")
	assert.Contains(t, h.out.Frame(), "about a minute")
	h.runs.release <- struct{}{}
}

// With ten phases, typing 1 then 0 in the list jumps to phase 10; 1 alone
// to phase 1.
func TestListJumpsToAPhaseOfTwoDigits(t *testing.T) {
	h := start(t, nil, failAll, func(l *Loop) {
		for n := 3; n <= 10; n++ {
			p := &catalog.Phase{Dir: fmt.Sprintf("%02d_p", n), Number: n, Title: "Phase"}
			p.Koans = []*catalog.Koan{{ID: p.Dir + "/TestX", Name: fmt.Sprintf("TestIn%02d", n), Phase: p, Title: "x.", File: "koans/" + p.Dir + "/x_test.go", Line: 1}}
			l.Catalog.Phases = append(l.Catalog.Phases, p)
		}
	})
	eventually(t, func() bool { return len(h.runs.Calls()) == 1 }, "the first run")
	h.runs.release <- struct{}{}
	h.keys <- 'l'
	h.keys <- '1'
	eventually(t, func() bool { return strings.Contains(h.out.Frame(), "> ✗ TestA  01_one") }, "1: phase 1")
	h.keys <- '0'
	eventually(t, func() bool {
		return strings.Contains(h.out.Frame(), "TestIn10") && strings.Contains(h.out.Frame(), "> · TestIn10")
	}, "1 then 0: phase 10")
}

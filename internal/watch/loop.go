// Package watch is the learner's loop: show the first failing koan, rerun
// its phase when a file is saved, answer single keypresses. Everything —
// file events, keys, resizes, timers, finished runs — goes through one
// select, so the screen always shows one consistent state.
package watch

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// RunFunc runs koans and gives their verdicts: the runner, in production.
type RunFunc func(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error)

// DefaultDebounce is how long the loop waits after a save before it runs:
// editors write a file in several steps (vim's rename, JetBrains' temporary
// file), and one run should see them all. Those steps land within a few
// milliseconds; every millisecond more is added to the learner's wait.
const DefaultDebounce = 50 * time.Millisecond

// Loop holds the watch mode's dependencies. Tests inject files, keys and
// the clock.
type Loop struct {
	Catalog *catalog.Catalog
	Run     RunFunc
	Out     io.Writer
	Style   report.Style
	// Known are the verdicts of earlier sessions, shown before anything runs.
	Known map[string]runner.Status
	// FirstRun says no run ever happened here: the build will be slow.
	FirstRun bool
	Files    <-chan string
	Mode     func() string // how saves are noticed
	Keys     <-chan Key
	Resize   <-chan os.Signal
	Size     func() (width, height int)
	After    func(time.Duration) <-chan time.Time
	Now      func() time.Time
	Debounce time.Duration
	// Saved is told every run's verdicts, to keep them for the next start.
	Saved func([]runner.Result)
}

type view int

const (
	viewKoan view = iota
	viewList
)

type outcome struct {
	results []runner.Result
	phases  []*catalog.Phase
	err     error
}

// state is what the screen shows; only the loop goroutine touches it.
type state struct {
	results   map[string]runner.Result
	confirmed map[string]bool // phases run in this session
	pending   map[string]bool // phases saved since their last run
	running   []*catalog.Phase
	started   time.Time
	pinned    *catalog.Koan
	view      view
	hint      bool
	cursor    int
	err       error
}

// Start runs the loop until q, Ctrl-C or ctx ends it.
func (l *Loop) Start(ctx context.Context) error {
	if l.Debounce == 0 {
		l.Debounce = DefaultDebounce
	}
	s := &state{
		results:   map[string]runner.Result{},
		confirmed: map[string]bool{},
		pending:   map[string]bool{},
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan outcome, 1)
	var debounce, tick <-chan time.Time

	l.draw(s)
	l.startNext(runCtx, s, done)
	for {
		if len(s.running) > 0 && tick == nil {
			tick = l.After(time.Second)
		}
		select {
		case <-ctx.Done():
			return nil
		case path, ok := <-l.Files:
			if !ok {
				l.Files = nil
				continue
			}
			if p := l.phaseOf(path); p != nil {
				s.pending[p.Dir] = true
				debounce = l.After(l.Debounce)
			}
		case <-debounce:
			debounce = nil
			if len(s.running) == 0 {
				l.startNext(runCtx, s, done)
			}
			l.draw(s)
		case <-tick:
			tick = nil
			if len(s.running) > 0 {
				l.draw(s)
			}
		case out := <-done:
			l.finish(s, out)
			l.startNext(runCtx, s, done)
			l.draw(s)
		case <-l.Resize:
			l.draw(s)
		case k, ok := <-l.Keys:
			if !ok {
				l.Keys = nil
				continue
			}
			if quit := l.key(runCtx, s, k, done); quit {
				return nil
			}
			l.draw(s)
		}
	}
}

// startNext starts a run if none is going and one is due: saved phases
// first; then the phase of the current koan if this session has not run it;
// then, when every koan is known to pass, the phases not yet confirmed.
func (l *Loop) startNext(ctx context.Context, s *state, done chan<- outcome) {
	if len(s.running) > 0 {
		return
	}
	var phases []*catalog.Phase
	for _, p := range l.Catalog.Phases {
		if s.pending[p.Dir] {
			phases = append(phases, p)
			delete(s.pending, p.Dir)
		}
	}
	if len(phases) == 0 {
		if cur := l.current(s); cur != nil {
			if !s.confirmed[cur.Phase.Dir] {
				phases = []*catalog.Phase{cur.Phase}
			}
		} else {
			for _, p := range l.Catalog.Phases {
				if !s.confirmed[p.Dir] {
					phases = append(phases, p)
				}
			}
		}
	}
	if len(phases) == 0 {
		return
	}
	var koans []*catalog.Koan
	for _, p := range phases {
		koans = append(koans, p.Koans...)
	}
	s.running, s.started = phases, l.Now()
	go func() {
		results, err := l.Run(ctx, koans)
		done <- outcome{results: results, phases: phases, err: err}
	}()
}

func (l *Loop) finish(s *state, out outcome) {
	s.running = nil
	s.err = out.err
	if out.err != nil {
		return
	}
	for _, p := range out.phases {
		s.confirmed[p.Dir] = true
	}
	for _, r := range out.results {
		s.results[r.Koan.ID] = r
	}
	l.FirstRun = false
	if s.pinned != nil && l.status(s, s.pinned) == runner.Pass {
		s.pinned = nil // solved: back to the path
	}
	if l.Saved != nil {
		l.Saved(out.results)
	}
}

// key handles one keypress; it reports whether to quit.
func (l *Loop) key(ctx context.Context, s *state, k Key, done chan<- outcome) bool {
	if k == KeyCtrlC || k == 'q' {
		return true
	}
	if s.view == viewList {
		all := l.Catalog.Koans()
		switch k {
		case KeyUp, 'k':
			s.cursor = max(0, s.cursor-1)
		case KeyDown, 'j':
			s.cursor = min(len(all)-1, s.cursor+1)
		case KeyEnter:
			s.pinned = all[s.cursor]
			s.view = viewKoan
			s.hint = false
			if !s.confirmed[s.pinned.Phase.Dir] {
				s.pending[s.pinned.Phase.Dir] = true
				l.startNext(ctx, s, done)
			}
		case KeyEsc, 'l':
			s.view = viewKoan
		}
		return false
	}
	switch k {
	case 'h':
		s.hint = !s.hint
	case 'l':
		s.view = viewList
		s.cursor = 0
		if cur := l.current(s); cur != nil {
			s.cursor = indexOf(l.Catalog.Koans(), cur)
		}
	case 'r':
		if cur := l.current(s); cur != nil {
			s.pending[cur.Phase.Dir] = true
		} else {
			s.confirmed = map[string]bool{}
		}
		l.startNext(ctx, s, done)
	case 'n':
		if next := l.nextAfter(s, l.current(s)); next != nil {
			s.pinned = next
			s.hint = false
			if !s.confirmed[next.Phase.Dir] {
				s.pending[next.Phase.Dir] = true
				l.startNext(ctx, s, done)
			}
		}
	}
	return false
}

// status is a koan's verdict from this session, else from the last one.
func (l *Loop) status(s *state, k *catalog.Koan) runner.Status {
	if r, ok := s.results[k.ID]; ok {
		return r.Status
	}
	return l.Known[k.ID]
}

// current is the koan on screen: the one picked from the list or skipped
// to, else the first koan that does not pass. nil when all pass.
func (l *Loop) current(s *state) *catalog.Koan {
	if s.pinned != nil {
		return s.pinned
	}
	for _, k := range l.Catalog.Koans() {
		if l.status(s, k) != runner.Pass {
			return k
		}
	}
	return nil
}

// nextAfter is the first koan after k, in order, that does not pass.
func (l *Loop) nextAfter(s *state, k *catalog.Koan) *catalog.Koan {
	all := l.Catalog.Koans()
	for i := indexOf(all, k) + 1; i < len(all); i++ {
		if l.status(s, all[i]) != runner.Pass {
			return all[i]
		}
	}
	return nil
}

func (l *Loop) phaseOf(path string) *catalog.Phase {
	dir := filepath.Base(filepath.Dir(path))
	p, ok := l.Catalog.Phase(dir)
	if !ok || p.Dir != dir {
		return nil
	}
	return p
}

func indexOf(all []*catalog.Koan, k *catalog.Koan) int {
	for i, other := range all {
		if other == k {
			return i
		}
	}
	return -1
}

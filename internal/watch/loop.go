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
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// Workspace is what the loop asks of the learner's checkout (package
// workspace, in production): the loop never calls back into the CLI.
type Workspace interface {
	// Reload reads the named phases again, as their files are now; called
	// before each run, so that every screen comes from the files it saw.
	Reload(phases []string) (*catalog.Catalog, error)
	// Run runs koans, keeps their verdicts and gives them.
	Run(ctx context.Context, koans []*catalog.Koan) ([]runner.Result, error)
	// View says what a koan's screen holds back (predict first).
	View(k *catalog.Koan) report.View
	// Reference is a koan's reference SQL, for the second hint.
	Reference(k *catalog.Koan) report.Reference
	// Shown is told the koan that comes up on screen.
	Shown(id string)
}

// Debounce is how long the loop waits after a save before it runs:
// editors write a file in several steps (vim's rename, JetBrains' temporary
// file), and one run should see them all. Those steps land within a few
// milliseconds; every millisecond more is added to the learner's wait.
const Debounce = 50 * time.Millisecond

// Loop holds the watch mode's dependencies. Tests inject the workspace,
// files, keys and the clock.
type Loop struct {
	Catalog   *catalog.Catalog
	Workspace Workspace
	Out       io.Writer
	Style     report.Style
	// Known are the verdicts of earlier sessions, shown before anything runs.
	Known map[string]runner.Status
	// FirstRun says no run ever happened here: the build will be slow.
	FirstRun bool
	// Building, if set, says how far a first build is ("" when none is
	// going): shown while a run is going.
	Building func() string
	Files    <-chan string
	Mode     func() string // how saves are noticed
	Keys     <-chan Key
	Resize   <-chan os.Signal
	Size     func() (width, height int)
	After    func(time.Duration) <-chan time.Time
	Now      func() time.Time
	// LineMode draws for a terminal without cursor movement (TERM=dumb):
	// each new screen is printed below the last, and only when it changed.
	LineMode bool
	// Database names the database the koans run on when it is not the
	// default, for the header: "on PostgreSQL".
	Database string
}

type view int

const (
	viewKoan view = iota
	viewList
)

// pin says why the koan on screen is not the path's first failing one.
type pin int

const (
	pinNone pin = iota
	pinList     // picked from the list
	pinSkip     // n: skipped ahead
	pinStay     // the next failing koan after one picked or skipped to
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
	pinned    string // koan ID, when pin != pinNone
	pin       pin
	view      view
	// help is how far up the hint ladder the learner climbed on helpFor,
	// the koan on screen when h was pressed: it belongs to that koan only,
	// and any other koan that comes up starts with no help shown.
	help      report.Help
	helpFor   string
	cursor    int
	lastDigit int     // the list's last phase number typed, for a second digit
	search    *string // the list's "/" search, while typed
	phaseDone *catalog.Phase
	err       error
	lastFrame string
	// What the screen of the koan on screen (shown) holds back and its
	// reference SQL: asked of the workspace when a run ends or a key
	// changes the screen (settle), never while drawing.
	shown     string
	shownView report.View
	ref       report.Reference
	refOf     string
}

// Start runs the loop until q, Ctrl-C or ctx ends it.
func (l *Loop) Start(ctx context.Context) error {
	s := &state{
		results:   map[string]runner.Result{},
		confirmed: map[string]bool{},
		pending:   map[string]bool{},
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan outcome, 1)
	var debounce, tick <-chan time.Time

	l.settle(s)
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
				debounce = l.After(Debounce)
			}
		case <-debounce:
			debounce = nil
			if len(s.running) == 0 {
				l.startNext(runCtx, s, done)
			}
			l.draw(s)
		case <-tick:
			tick = nil
			if len(s.running) > 0 && !l.LineMode {
				l.draw(s)
			}
		case out := <-done:
			l.finish(s, out)
			l.startNext(runCtx, s, done)
			s.shown = "" // what it holds back may have changed with the run
			l.settle(s)
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
			l.settle(s)
			l.draw(s)
		}
	}
}

// startNext starts a run if none is going and one is due: saved phases
// first; then the phase of the current koan if this session has not run it;
// then, when every koan is known to pass, the phases not yet confirmed;
// then, one at a time so a save never waits long, the phases with koans no
// run has given a verdict yet (a first start): until they have run, the
// count of koans passing is not known.
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
		for _, p := range l.Catalog.Phases {
			if !s.confirmed[p.Dir] && l.unchecked(s, p) {
				phases = []*catalog.Phase{p}
				break
			}
		}
	}
	if len(phases) == 0 {
		return
	}
	dirs := make([]string, len(phases))
	for i, p := range phases {
		dirs[i] = p.Dir
	}
	cat, err := l.Workspace.Reload(dirs)
	if err != nil {
		s.err = err
		return
	}
	l.Catalog = cat
	var fresh []*catalog.Phase
	for _, p := range phases {
		if np, ok := cat.Phase(p.Dir); ok {
			fresh = append(fresh, np)
		}
	}
	phases = fresh
	var koans []*catalog.Koan
	for _, p := range phases {
		koans = append(koans, p.Koans...)
	}
	s.running, s.started = phases, l.Now()
	go func() {
		results, err := l.Workspace.Run(ctx, koans)
		done <- outcome{results: results, phases: phases, err: err}
	}()
}

func (l *Loop) finish(s *state, out outcome) {
	s.running = nil
	s.err = out.err
	if out.err != nil {
		return
	}
	before := l.current(s)
	var phaseOpen *catalog.Phase
	if before != nil && l.status(s, before) != runner.Pass && l.status(s, before) != "" {
		phaseOpen = before.Phase
	}
	for _, p := range out.phases {
		s.confirmed[p.Dir] = true
	}
	for _, r := range out.results {
		s.results[r.Koan.ID] = r
	}
	l.FirstRun = false
	if s.pin != pinNone {
		if k := l.byID(s.pinned); k != nil && l.status(s, k) == runner.Pass {
			// Solved: stay where the learner chose to work, at the next
			// failing koan after it; the path's first is one key away.
			s.pinned, s.pin = "", pinNone
			if next := l.nextAfter(s, k); next != nil && next != l.firstFailing(s) {
				s.pinned, s.pin = next.ID, pinStay
			}
		}
	}
	if phaseOpen != nil {
		if p, ok := l.Catalog.Phase(phaseOpen.Dir); ok && l.phasePasses(s, p) && l.firstFailing(s) != nil {
			s.phaseDone = p
		}
	}
}

// unchecked reports whether a koan of p has no verdict yet, from this
// session or the last.
func (l *Loop) unchecked(s *state, p *catalog.Phase) bool {
	for _, k := range p.Koans {
		if l.status(s, k) == "" {
			return true
		}
	}
	return false
}

// phasePasses reports whether every koan of a phase is known to pass.
func (l *Loop) phasePasses(s *state, p *catalog.Phase) bool {
	for _, k := range p.Koans {
		if l.status(s, k) != runner.Pass {
			return false
		}
	}
	return len(p.Koans) > 0
}

// key handles one keypress; it reports whether to quit.
func (l *Loop) key(ctx context.Context, s *state, k Key, done chan<- outcome) bool {
	if s.search != nil {
		l.searchKey(s, k)
		return false
	}
	if k == KeyCtrlC || k == 'q' {
		return true
	}
	if s.phaseDone != nil {
		s.phaseDone = nil // any key: on to the next koan
		return false
	}
	if s.view == viewList {
		l.listKey(ctx, s, k, done)
		return false
	}
	switch k {
	case 'h':
		if cur := l.current(s); cur != nil {
			s.help, s.helpFor = l.helpOn(s, cur).Up(), cur.ID
		}
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
			l.open(ctx, s, next, pinSkip, done)
		}
	case 'p':
		s.pinned, s.pin = "", pinNone
	}
	return false
}

// open puts a koan on screen, running its phase if this session has not.
func (l *Loop) open(ctx context.Context, s *state, k *catalog.Koan, why pin, done chan<- outcome) {
	s.pinned, s.pin = k.ID, why
	if k == l.firstFailing(s) {
		s.pinned, s.pin = "", pinNone
	}
	if !s.confirmed[k.Phase.Dir] {
		s.pending[k.Phase.Dir] = true
		l.startNext(ctx, s, done)
	}
}

// listKey moves through the list: one koan, a page, the ends, a phase by
// its number, or a koan found by name.
func (l *Loop) listKey(ctx context.Context, s *state, k Key, done chan<- outcome) {
	all := l.Catalog.Koans()
	page := max(1, l.listRoom()-2)
	switch {
	case k == KeyUp || k == 'k':
		s.cursor--
	case k == KeyDown || k == 'j':
		s.cursor++
	case k == KeyPgUp:
		s.cursor -= page
	case k == KeyPgDn || k == ' ':
		s.cursor += page
	case k == 'g' || k == KeyHome:
		s.cursor = 0
	case k == 'G' || k == KeyEnd:
		s.cursor = len(all) - 1
	case k >= '0' && k <= '9':
		// A phase by its number: "1" then "0" is phase 10 when there is one.
		n := int(k - '0')
		if s.lastDigit > 0 && s.lastDigit*10+n <= len(l.Catalog.Phases)+1 {
			n += s.lastDigit * 10
		}
		for _, p := range l.Catalog.Phases {
			if p.Number == n && len(p.Koans) > 0 {
				s.cursor = indexOf(all, p.Koans[0])
			}
		}
		s.lastDigit = n
		if n >= 10 {
			s.lastDigit = 0
		}
		s.cursor = max(0, min(len(all)-1, s.cursor))
		return
	case k == '/':
		empty := ""
		s.search = &empty
	case k == KeyEnter:
		if s.cursor >= 0 && s.cursor < len(all) {
			s.view = viewKoan
			l.open(ctx, s, all[s.cursor], pinList, done)
		}
	case k == KeyEsc || k == 'l':
		s.view = viewKoan
	}
	s.lastDigit = 0
	s.cursor = max(0, min(len(all)-1, s.cursor))
}

// searchKey types the list's search: the cursor follows the first koan
// whose name holds what was typed; Enter or Esc ends the search.
func (l *Loop) searchKey(s *state, k Key) {
	q := *s.search
	switch {
	case k == KeyEnter || k == KeyEsc || k == KeyCtrlC:
		s.search = nil
		return
	case k == KeyBackspace || k == 8:
		if q != "" {
			_, size := utf8.DecodeLastRuneInString(q)
			q = q[:len(q)-size]
		}
	case k >= ' ' && k < 127:
		q += string(rune(k))
	}
	s.search = &q
	needle := strings.ToLower(q)
	for i, koan := range l.Catalog.Koans() {
		if strings.Contains(strings.ToLower(koan.Name), needle) || strings.Contains(strings.ToLower(koan.Title), needle) {
			s.cursor = i
			return
		}
	}
}

// settle asks the workspace what the koan on screen holds back, and tells
// it which koan that is, when the koan changed or a run ended; and fetches
// its reference SQL when the help on screen shows it. Drawing only reads
// what settle left.
func (l *Loop) settle(s *state) {
	cur := l.current(s)
	if cur == nil {
		return
	}
	if cur.ID != s.shown {
		s.shown = cur.ID
		s.shownView = l.Workspace.View(cur)
		l.Workspace.Shown(cur.ID)
	}
	if l.helpOn(s, cur).Rung().Compare && s.refOf != cur.ID {
		s.ref, s.refOf = l.Workspace.Reference(cur), cur.ID
	}
}

// helpOn is the help shown on koan k: what the learner asked for on it,
// none on any other koan.
func (l *Loop) helpOn(s *state, k *catalog.Koan) report.Help {
	if k == nil || k.ID != s.helpFor {
		return report.NoHelp
	}
	return s.help
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
	if s.pin != pinNone {
		if k := l.byID(s.pinned); k != nil {
			return k
		}
	}
	return l.firstFailing(s)
}

// firstFailing is the path's first koan that does not pass.
func (l *Loop) firstFailing(s *state) *catalog.Koan {
	for _, k := range l.Catalog.Koans() {
		if l.status(s, k) != runner.Pass {
			return k
		}
	}
	return nil
}

func (l *Loop) byID(id string) *catalog.Koan {
	if id == "" {
		return nil
	}
	k, ok := l.Catalog.Koan(id)
	if !ok || k.ID != id {
		return nil
	}
	return k
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

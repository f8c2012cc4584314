package watch

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Files reports saved .go files under a set of directories. It listens to
// file events on the directories — which survives editors that save by
// renaming or by create-and-delete — and keeps polling at a slow pace as a
// safety net: if polling sees a change the events never reported (WSL2,
// network drives), it says so and polls from then on.
type Files struct {
	C     <-chan string // paths of changed files
	c     chan string
	dirs  []string
	mu    sync.Mutex
	mode  string
	seen  map[string]time.Time // when events last reported each path
	snap  map[string][32]byte
	poll  time.Duration
	quiet time.Duration
}

// Modes the watcher can be in, as shown on the screen.
const (
	ModeEvents = "file events"
	ModePoll   = "polling"
	ModeMissed = "polling (file events missed a save)"
	ModeNoFS   = "polling (file events unavailable)"
)

// WatchFiles starts watching dirs. forcePoll skips file events entirely.
func WatchFiles(ctx context.Context, dirs []string, forcePoll bool) *Files {
	f := newFiles(dirs, 2*time.Second, 3*time.Second)
	if forcePoll {
		f.setMode(ModePoll)
	} else if err := f.listen(ctx); err != nil {
		f.setMode(ModeNoFS)
	} else {
		f.setMode(ModeEvents)
	}
	go f.pollLoop(ctx)
	return f
}

// newFiles snapshots dirs, to poll every poll while file events are trusted,
// and to give events quiet to report what polling found.
func newFiles(dirs []string, poll, quiet time.Duration) *Files {
	c := make(chan string, 64)
	f := &Files{C: c, c: c, dirs: dirs, seen: map[string]time.Time{}, poll: poll, quiet: quiet}
	f.snap = f.snapshot()
	return f
}

// Mode says how saves are noticed.
func (f *Files) Mode() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mode
}

func (f *Files) setMode(m string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mode = m
	if m != ModeEvents {
		// Hashing every koan file costs about a millisecond: polling
		// often keeps a save's wait close to what file events give.
		f.poll = 250 * time.Millisecond
	}
}

func (f *Files) listen(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	for _, d := range f.dirs {
		if err := w.Add(d); err != nil {
			w.Close()
			return err
		}
	}
	go func() {
		defer w.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !relevant(ev.Name) || ev.Op == fsnotify.Chmod {
					continue
				}
				f.mu.Lock()
				f.seen[ev.Name] = time.Now()
				f.mu.Unlock()
				f.send(ev.Name)
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return nil
}

func (f *Files) pollLoop(ctx context.Context) {
	for {
		f.mu.Lock()
		interval := f.poll
		f.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
		next := f.snapshot()
		for path, sum := range next {
			if old, ok := f.snap[path]; !ok || old != sum {
				f.changed(path)
			}
		}
		for path := range f.snap {
			if _, ok := next[path]; !ok {
				f.changed(path)
			}
		}
		f.snap = next
	}
}

// changed is a change found by polling. While file events are trusted, it
// waits a moment to see whether they report it too; if they never do, they
// are missing saves here, and polling takes over.
func (f *Files) changed(path string) {
	if f.Mode() != ModeEvents {
		f.send(path)
		return
	}
	noticed := time.Now()
	time.AfterFunc(f.quiet, func() {
		f.mu.Lock()
		missed := f.mode == ModeEvents && f.seen[path].Before(noticed.Add(-f.quiet))
		f.mu.Unlock()
		if missed {
			f.setMode(ModeMissed)
			f.send(path)
		}
	})
}

func (f *Files) send(path string) {
	select {
	case f.c <- path:
	default: // a burst: the loop already has changes to handle
	}
}

func (f *Files) snapshot() map[string][32]byte {
	out := map[string][32]byte{}
	for _, d := range f.dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			path := filepath.Join(d, e.Name())
			if e.IsDir() || !relevant(path) {
				continue
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			out[path] = sha256.Sum256(raw)
		}
	}
	return out
}

// relevant keeps Go sources; editors' swap and backup files are noise.
func relevant(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".go") && !strings.HasPrefix(base, ".")
}

// Package state keeps the learner's last known verdicts in a git-ignored
// file, so a new start can show progress at once, before anything runs; and
// what the screens need to remember across runs: the koans tried once, the
// koan last shown.
package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// FileName is the state file at the root of a checkout (listed in .gitignore).
const FileName = ".koans-state.json"

// File is a checkout's state file. Its updates are serialised: the watcher
// records verdicts from a run while its screen records the koan shown.
type File struct {
	path string
	mu   sync.Mutex
}

// New returns the state file of the checkout at root for the koans on
// database db (dbenv's names): one file a database, since a koan that
// passes on SQLite has yet to pass on PostgreSQL. SQLite's is FileName,
// another's FileName with its name after a dot, ignored with it.
func New(root, db string) *File {
	name := FileName
	if db != "" && db != dbenv.SQLite {
		name += "." + db
	}
	return &File{path: filepath.Join(root, name)}
}

type content struct {
	Status map[string]runner.Status `json:"status"`
	// Tried are the koans whose blanks were all filled once while the koan
	// still failed: a "SQL: after first try" koan shows its SQL from then on.
	Tried []string `json:"tried,omitempty"`
	// Last is the koan the learner was last shown.
	Last string `json:"last,omitempty"`
}

// Exists reports whether any run was recorded before.
func (f *File) Exists() bool {
	_, err := os.Stat(f.path)
	return err == nil
}

func (f *File) read() (content, error) {
	raw, err := os.ReadFile(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return content{Status: map[string]runner.Status{}}, nil
	}
	if err != nil {
		return content{}, fmt.Errorf("reading %s: %w", f.path, err)
	}
	var c content
	if err := json.Unmarshal(raw, &c); err != nil || c.Status == nil {
		// A damaged state file only costs the quick start: begin afresh.
		return content{Status: map[string]runner.Status{}}, nil
	}
	return c, nil
}

// Load returns the last known status of each koan by ID; none if no file.
func (f *File) Load() (map[string]runner.Status, error) {
	c, err := f.read()
	return c.Status, err
}

// Tried returns the koans tried once (see content.Tried), by ID.
func (f *File) Tried() (map[string]bool, error) {
	c, err := f.read()
	tried := map[string]bool{}
	for _, id := range c.Tried {
		tried[id] = true
	}
	return tried, err
}

// LastShown is the koan the learner was last shown, "" if none.
func (f *File) LastShown() string {
	c, _ := f.read()
	return c.Last
}

// Record merges the verdicts of a run into the file, with the koans tried
// once in it (see content.Tried): one write for a run.
func (f *File) Record(results []runner.Result, tried ...string) error {
	return f.update(func(c *content) {
		for _, r := range results {
			c.Status[r.Koan.ID] = r.Status
		}
		for _, id := range tried {
			if !slices.Contains(c.Tried, id) {
				c.Tried = append(c.Tried, id)
			}
		}
		slices.Sort(c.Tried)
	})
}

// MarkTried remembers koans as tried once.
func (f *File) MarkTried(ids ...string) error {
	return f.update(func(c *content) {
		for _, id := range ids {
			if !slices.Contains(c.Tried, id) {
				c.Tried = append(c.Tried, id)
			}
		}
		slices.Sort(c.Tried)
	})
}

// Forget makes koans untried again, as after a reset: no verdict, not
// tried once.
func (f *File) Forget(ids ...string) error {
	return f.update(func(c *content) {
		for _, id := range ids {
			delete(c.Status, id)
		}
		c.Tried = slices.DeleteFunc(c.Tried, func(t string) bool { return slices.Contains(ids, t) })
	})
}

// Shown remembers the koan on the learner's screen.
func (f *File) Shown(id string) error {
	if id == f.LastShown() {
		return nil
	}
	return f.update(func(c *content) { c.Last = id })
}

func (f *File) update(change func(*content)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.read()
	if err != nil {
		return err
	}
	change(&c)
	raw, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.path), FileName+".*")
	if err != nil {
		return fmt.Errorf("writing state: %w", err)
	}
	if _, err := tmp.Write(append(raw, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing state: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing state: %w", err)
	}
	return nil
}

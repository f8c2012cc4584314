// Package state keeps the learner's last known verdicts in a git-ignored
// file, so a new start can show progress at once, before anything runs.
package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// FileName is the state file at the root of a checkout (listed in .gitignore).
const FileName = ".koans-state.json"

// File is a checkout's state file.
type File struct{ path string }

// New returns the state file of the checkout at root.
func New(root string) *File { return &File{path: filepath.Join(root, FileName)} }

type content struct {
	Status map[string]runner.Status `json:"status"`
}

// Exists reports whether any run was recorded before.
func (f *File) Exists() bool {
	_, err := os.Stat(f.path)
	return err == nil
}

// Load returns the last known status of each koan by ID; none if no file.
func (f *File) Load() (map[string]runner.Status, error) {
	raw, err := os.ReadFile(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]runner.Status{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.path, err)
	}
	var c content
	if err := json.Unmarshal(raw, &c); err != nil || c.Status == nil {
		// A damaged state file only costs the quick start: begin afresh.
		return map[string]runner.Status{}, nil
	}
	return c.Status, nil
}

// Record merges the verdicts of a run into the file.
func (f *File) Record(results []runner.Result) error {
	status, err := f.Load()
	if err != nil {
		return err
	}
	for _, r := range results {
		status[r.Koan.ID] = r.Status
	}
	raw, err := json.MarshalIndent(content{Status: status}, "", "  ")
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

// Package testcheckout makes koans checkouts for tests: this module's
// go.mod, go.sum and fixtures, phases of solutions, and the koans they ship
// as. A checkout is made once per test process, the first time a test asks
// for it, and each test gets its own copy, free to change: what a checkout
// costs to make (generating koans, recording reference SQL) is paid once,
// not once per test.
package testcheckout

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/originals"
)

// Checkout is a checkout made once, kept in memory, and copied for each
// test that asks for it.
type Checkout struct {
	make  func(root string) error
	once  sync.Once
	files fstest.MapFS
	err   error
}

// New is a checkout that make writes into an empty directory the first time
// a test asks for a copy.
func New(make func(root string) error) *Checkout {
	return &Checkout{make: make}
}

// Copy writes the checkout into a new temporary directory of t's and
// returns it.
func (c *Checkout) Copy(t testing.TB) string {
	t.Helper()
	c.once.Do(func() { c.files, c.err = c.build() })
	if c.err != nil {
		t.Fatalf("making the test checkout: %v", c.err)
	}
	root := t.TempDir()
	if err := os.CopyFS(root, c.files); err != nil {
		t.Fatalf("copying the test checkout: %v", err)
	}
	return root
}

func (c *Checkout) build() (fstest.MapFS, error) {
	dir, err := os.MkdirTemp("", "testcheckout-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := c.make(dir); err != nil {
		return nil, err
	}
	return read(dir, func(string) bool { return true })
}

// read reads every file under dir that keep keeps, by slash path.
func read(dir string, keep func(rel string) bool) (fstest.MapFS, error) {
	files := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !keep(p) {
			return err
		}
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		files[p] = &fstest.MapFile{Data: raw, Mode: 0o644}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	return files, nil
}

// Root is this module's root: the first directory above the test's
// working directory (its package's) that holds a go.mod.
var Root = sync.OnceValues(func() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
})

// module is what every koan builds against: go.mod, go.sum and fixtures,
// without the fixtures' own tests (no koan builds them, and they are not
// part of the originals' hash).
var module = sync.OnceValues(func() (fstest.MapFS, error) {
	root, err := Root()
	if err != nil {
		return nil, err
	}
	return read(root, func(rel string) bool {
		if rel == "go.mod" || rel == "go.sum" {
			return true
		}
		return strings.HasPrefix(rel, "fixtures/") && !strings.HasSuffix(rel, "_test.go")
	})
})

// Module writes this module's go.mod, go.sum and fixtures into root.
func Module(root string) error {
	files, err := module()
	if err != nil {
		return err
	}
	return os.CopyFS(root, files)
}

// Phases writes the phase directories under from (NN_name/, holding
// solution files and a README.md) into root: the solutions under
// solutions/, each README under koans/; then the koans they ship as.
func Phases(root, from string) error {
	phases, err := read(from, func(string) bool { return true })
	if err != nil {
		return err
	}
	for p, f := range phases {
		to := path.Join(catalog.SolutionsDir, p)
		if path.Base(p) == "README.md" {
			to = path.Join(catalog.KoansDir, p)
		}
		if err := write(root, to, f.Data); err != nil {
			return err
		}
	}
	return Generate(root)
}

// Generate writes the koans root's solutions ship as.
func Generate(root string) error {
	koans, err := originals.Koans(os.DirFS(root), "")
	if err != nil {
		return err
	}
	for rel, src := range koans {
		if err := write(root, rel, src); err != nil {
			return err
		}
	}
	return nil
}

func write(root, rel string, data []byte) error {
	to := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	return nil
}

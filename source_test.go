package gormkoans

import (
	"io/fs"
	"os"
	"path"
	"testing"

	"github.com/gorm-koans/gorm-koans/internal/originals"
)

// The originals built into the CLI hold everything a fresh clone ships
// under koans/: a learner's untouched checkout has no file they lack, so
// verify names none as "not shipped".
func TestTheBuiltInOriginalsHoldEveryShippedFile(t *testing.T) {
	tree, err := originals.Load(Source)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = fs.WalkDir(os.DirFS("."), "koans", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) == ".go" {
			return err
		}
		n++
		if _, ok := tree[p]; !ok {
			t.Errorf("%s ships with the koans but is not among the CLI's originals", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no shipped file outside the koans' Go files: is this a checkout?")
	}
}

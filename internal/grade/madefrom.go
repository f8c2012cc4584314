package grade

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/originals"
)

// OtherOriginals is a submission exported from other originals than the
// grader's: its koans were handed out different, so what differs is not
// the learner's doing. It is not graded, rather than scored as tampering.
type OtherOriginals struct {
	Theirs, Ours string
}

func (e *OtherOriginals) Error() string {
	return fmt.Sprintf("this submission was made from other originals than this grader's (%s names %s, the grader has %s): grade it with the grader its workflow pins, or --original the checkout it was exported from",
		originals.MadeFromFile, short(e.Theirs), short(e.Ours))
}

func short(hash string) string {
	if len(hash) > len("sha256:")+12 {
		return hash[:len("sha256:")+12] + "…"
	}
	return hash
}

// madeFrom checks the originals a submission says it was made from (its
// MadeFromFile, when it has one) against the grader's. A learner who edits
// the file gains nothing: the submission is then not graded at all. Only a
// regular file is read (a link could name a file outside the submission),
// and only a hash is ever repeated.
func madeFrom(dir string, ours originals.Tree) error {
	p := filepath.Join(dir, filepath.FromSlash(originals.MadeFromFile))
	if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
		return nil // not an export, or one from before the file: graded as ever
	}
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	raw, _ := io.ReadAll(io.LimitReader(f, 256))
	theirs := strings.TrimSpace(string(raw))
	if !hashRE.MatchString(theirs) {
		theirs = "no hash"
	}
	if h := ours.Hash(); theirs != h {
		return &OtherOriginals{Theirs: theirs, Ours: h}
	}
	return nil
}

var hashRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

package grade

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Names are the gradebook's names of submission directories: each one's
// path from their common parent, so that secA/bea and secB/bea stay two
// rows (a folder of submissions gives their base names, as ever). The same
// directory given twice is told apart by a count.
func Names(dirs []string) []string {
	clean := make([]string, len(dirs))
	for i, d := range dirs {
		if abs, err := filepath.Abs(d); err == nil {
			d = abs
		}
		clean[i] = filepath.Clean(d)
	}
	parent := ""
	for i, d := range clean {
		if i == 0 {
			parent = filepath.Dir(d)
			continue
		}
		for !within(d, parent) {
			up := filepath.Dir(parent)
			if up == parent {
				break
			}
			parent = up
		}
	}
	names := make([]string, len(clean))
	seen := map[string]int{}
	for i, d := range clean {
		name := filepath.Base(d)
		if rel, err := filepath.Rel(parent, d); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
		seen[name]++
		if n := seen[name]; n > 1 {
			name = fmt.Sprintf("%s (%d)", name, n)
		}
		names[i] = name
	}
	return names
}

// within reports whether path lies strictly below dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Package trace keeps the reference SQL of each koan: the statements its
// solution sends, recorded when koans/ is generated from solutions/ and
// shipped beside the koans (koans/NN_x/testdata/sql.json), so the second
// hint can show them where solutions/ is not shipped.
package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/fixtures/dbenv"
	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// recordEnv makes the fixtures report every koan's SQL, passing or not.
const recordEnv = koanfmt.RecordEnv + "=1"

// Phase is one phase's reference SQL, by test name.
type Phase map[string][]string

// File is where a phase's reference SQL on database db lives, from the
// checkout root: sql.json for SQLite, sql.postgres.json for PostgreSQL.
func File(phaseDir, db string) string {
	name := "sql.json"
	if db != "" && db != dbenv.SQLite {
		name = "sql." + db + ".json"
	}
	return path.Join(catalog.KoansDir, phaseDir, "testdata", name)
}

// Load reads a phase's reference SQL on database db; an empty Phase when
// none was recorded.
func Load(root, phaseDir, db string) (Phase, error) {
	file := File(phaseDir, db)
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
	if errors.Is(err, os.ErrNotExist) {
		return Phase{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	var p Phase
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return p, nil
}

// Encode is a phase's file content: stable, one statement a line.
func (p Phase) Encode() []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, name := range slices.Sorted(maps.Keys(p)) {
		stmts := p[name]
		if stmts == nil {
			stmts = []string{}
		}
		key := jsonString(name)
		b.WriteString("  " + string(key) + ": [")
		for j, q := range stmts {
			v := jsonString(q)
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n    " + string(v))
		}
		if len(stmts) > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString("]")
		if i < len(p)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// jsonString quotes s as JSON, leaving <, > and & readable.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// Record runs the solutions of the given koans with every statement
// reported, and returns each phase's reference SQL by phase directory. A
// solution that does not pass is no reference: it is left out, and named
// in failed (dev check reports it on its own).
func Record(ctx context.Context, root, db string, koans []*catalog.Koan) (phases map[string]Phase, failed []*catalog.Koan, err error) {
	r := &runner.Runner{Root: root, Dir: catalog.SolutionsDir, Env: []string{recordEnv, dbenv.Env + "=" + db}}
	results, err := r.Run(ctx, koans)
	if err != nil {
		return nil, nil, err
	}
	phases = map[string]Phase{}
	for _, res := range results {
		if !res.Passed() {
			failed = append(failed, res.Koan)
			continue
		}
		p := phases[res.Koan.Phase.Dir]
		if p == nil {
			p = Phase{}
			phases[res.Koan.Phase.Dir] = p
		}
		p[res.Koan.Name] = Normalize(res.SQL)
	}
	return phases, failed, nil
}

// refusal is the database's answer to a refused statement: cgo's driver and
// the pure-Go one word it differently.
var refusal = regexp.MustCompile(regexp.QuoteMeta(koanfmt.ErrorNote) + ".*$")

// Normalize makes statements comparable from run to run and driver to
// driver: what differs between runs (times, savepoint names) as the
// fixtures report it (koanfmt.Stable, a no-op on what they already
// reported), and the wording of a refusal.
func Normalize(sql []string) []string {
	if sql == nil {
		return nil
	}
	out := make([]string, 0, len(sql))
	for _, q := range koanfmt.Stable(sql) {
		q = refusal.ReplaceAllString(q, strings.TrimSuffix(koanfmt.ErrorNote, ": "))
		out = append(out, strings.TrimSpace(q))
	}
	return out
}

// Canonical is a statement in a form where GORM's map-ordered output does
// not matter: the column and constraint definitions of a CREATE TABLE,
// whose order follows a map's, are sorted.
func Canonical(q string) string {
	parts, join := koanfmt.TableClauses(q)
	if parts == nil {
		return q
	}
	slices.Sort(parts)
	return join(parts)
}

// Same reports whether two recordings of one koan say the same, whatever
// order a map gave their statements.
func Same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	ca, cb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ca[i], cb[i] = Canonical(a[i]), Canonical(b[i])
	}
	slices.Sort(ca)
	slices.Sort(cb)
	return slices.Equal(ca, cb)
}

// Same reports whether two recordings of a phase say the same.
func (p Phase) Same(other Phase) bool {
	if len(p) != len(other) {
		return false
	}
	for name, sql := range p {
		theirs, ok := other[name]
		if !ok || !Same(sql, theirs) {
			return false
		}
	}
	return true
}

package devcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/strip"
)

// A dodge is a wrong way to do a koan's ✎ blocks, recorded in its solution
// as "//dodge NAME: code" lines. Dev check runs each one as a renamed copy of
// the solved koan whose blocks hold the dodge's code instead of the
// solution's (blanks keep their answers), and the copy must fail: a koan a
// dodge passes checks the result, not the technique it teaches.
//
// An honest alternative ("//honest NAME: code") is run the same way and
// must pass: a right way to use the technique other than the solution's,
// so the koan's checks cannot grow too strict unnoticed.
type dodge struct {
	koan   *catalog.Koan // the solved koan
	name   string        // "raw-sql"
	honest bool          // an honest alternative: it must pass
	test   string        // "TestX_dodge_raw_sql", "TestX_honest_other_way"
	file   string        // the dodged file, overlaid on the solution's
	from   int           // first line of the copy in the dodged file
	origin []int         // for each line of the copy, the solution line it came from
}

// DodgeTest names the test that runs a koan's dodge.
func DodgeTest(koan, dodge string) string {
	return koan + "_dodge_" + strings.ReplaceAll(dodge, "-", "_")
}

// HonestTest names the test that runs a koan's honest alternative.
func HonestTest(koan, name string) string {
	return koan + "_honest_" + strings.ReplaceAll(name, "-", "_")
}

// variant keys a dodge or an honest alternative among a koan's variants.
type variant struct {
	name   string
	honest bool
}

// dodgedFile returns a solution file's source with a copy of each of its
// koans per dodge appended, and those dodges. The file's own lines keep
// their numbers, so the solution's koans compile as they are; packages the
// dodges use and the file does not import are imported on its package line.
func dodgedFile(filename string, src []byte, koans []*catalog.Koan) ([]byte, []*dodge, error) {
	lines := strings.Split(string(src), "\n")
	var copies []string
	var dodges []*dodge
	used := ""
	for _, k := range koans {
		names, code, err := dodgesOf(filename, lines, k)
		if err != nil {
			return nil, nil, err
		}
		for _, v := range names {
			name := v
			d := &dodge{koan: k, name: v.name, honest: v.honest, test: DodgeTest(k.Name, v.name), from: len(copies)}
			if v.honest {
				d.test = HonestTest(k.Name, v.name)
			}
			for n := k.Line; n <= k.EndLine; n++ {
				line := lines[n-1]
				r, inBlock := regionAt(k, n)
				replaced := inBlock && len(code[name][r]) > 0
				switch {
				case n == k.Line:
					line = strings.Replace(line, "func "+k.Name+"(", "func "+d.test+"(", 1)
				case replaced && n == r.Start+1:
					for _, c := range code[name][r] {
						copies = append(copies, indent(line)+c.text)
						d.origin = append(d.origin, c.line)
						used += c.text + "\n"
					}
					continue
				case replaced && n < r.End:
					continue
				}
				copies = append(copies, line)
				d.origin = append(d.origin, n)
			}
			copies = append(copies, "")
			d.origin = append(d.origin, k.EndLine)
			dodges = append(dodges, d)
		}
	}
	if len(dodges) == 0 {
		return src, nil, nil
	}
	imports, err := missingImports(filename, src, used)
	if err != nil {
		return nil, nil, err
	}
	if len(imports) > 0 {
		pkgLine, err := packageLine(filename, src)
		if err != nil {
			return nil, nil, err
		}
		for _, path := range imports {
			lines[pkgLine-1] += "; import " + strconv.Quote(path)
		}
	}
	out := strings.Join(lines, "\n")
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	for _, d := range dodges {
		d.from += strings.Count(out, "\n") + 1
	}
	return []byte(out + strings.Join(copies, "\n")), dodges, nil
}

type dodgeLine struct {
	line int // in the solution file
	text string
}

// dodgesOf reads a solved koan's dodges and honest alternatives: their
// names in order of first appearance, and each one's code per ✎ block.
func dodgesOf(filename string, lines []string, k *catalog.Koan) ([]variant, map[variant]map[catalog.Region][]dodgeLine, error) {
	var names []variant
	code := map[variant]map[catalog.Region][]dodgeLine{}
	for _, r := range k.Regions {
		for n := r.Start + 1; n < r.End; n++ {
			if !strip.IsDodge(lines[n-1]) {
				continue
			}
			label, text, err := strip.ParseDodge(lines[n-1])
			if err != nil {
				return nil, nil, fmt.Errorf("%s:%d: %w", filename, n, err)
			}
			name := variant{name: label, honest: strip.IsHonest(lines[n-1])}
			if code[name] == nil {
				code[name] = map[catalog.Region][]dodgeLine{}
				names = append(names, name)
			}
			code[name][r] = append(code[name][r], dodgeLine{line: n, text: text})
		}
	}
	return names, code, nil
}

func regionAt(k *catalog.Koan, line int) (catalog.Region, bool) {
	for _, r := range k.Regions {
		if line > r.Start && line < r.End {
			return r, true
		}
	}
	return catalog.Region{}, false
}

func indent(line string) string {
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}

// stdPackages are the packages a dodge may use without its file importing
// them: the ones a plausible wrong answer reaches for.
var stdPackages = map[string]string{
	"context": "context", "errors": "errors", "fmt": "fmt", "maps": "maps",
	"slices": "slices", "sort": "sort", "sql": "database/sql",
	"strconv": "strconv", "strings": "strings", "time": "time",
}

var qualified = regexp.MustCompile(`\b([a-z]+)\.[A-Za-z]`)

func missingImports(filename string, src []byte, code string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), filename, src, parser.ImportsOnly)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: %w", filename, err)
	}
	have := map[string]bool{}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		have[name] = true
	}
	var out []string
	for _, m := range qualified.FindAllStringSubmatch(code, -1) {
		if path, ok := stdPackages[m[1]]; ok && !have[m[1]] && !slices.Contains(out, path) {
			out = append(out, path)
		}
	}
	slices.Sort(out)
	return out, nil
}

func packageLine(filename string, src []byte) (int, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.PackageClauseOnly)
	if err != nil {
		return 0, fmt.Errorf("parsing %s: %w", filename, err)
	}
	return fset.Position(f.Name.End()).Line, nil
}

// runDodges runs every dodge and honest alternative of the given solved
// koans, each phase's in one test binary built with the dodged files
// overlaid on the solutions, and returns how many dodges and honest
// alternatives ran and what went wrong. on names the build they ran on
// ("pure-Go SQLite"), for the problems; only the first run (first) says
// which koans lack them.
func runDodges(ctx context.Context, root string, env []string, on string, first bool, solved []*catalog.Koan) (int, int, []Problem, error) {
	byFile := map[string][]*catalog.Koan{}
	var files []string
	for _, k := range solved {
		if len(k.Regions) == 0 {
			continue
		}
		if byFile[k.File] == nil {
			files = append(files, k.File)
		}
		byFile[k.File] = append(byFile[k.File], k)
	}
	tmp, err := os.MkdirTemp("", "koans-dodges-")
	if err != nil {
		return 0, 0, nil, fmt.Errorf("making a directory for the dodges: %w", err)
	}
	defer os.RemoveAll(tmp)

	overlay := map[string]string{}
	var dodges []*dodge
	var problems []Problem
	for i, file := range files {
		path := filepath.Join(root, filepath.FromSlash(file))
		src, err := os.ReadFile(path)
		if err != nil {
			return 0, 0, nil, fmt.Errorf("reading %s: %w", file, err)
		}
		out, ds, err := dodgedFile(file, src, byFile[file])
		if err != nil {
			return 0, 0, nil, err
		}
		for _, k := range byFile[file] {
			if !first {
				break
			}
			if !slices.ContainsFunc(ds, func(d *dodge) bool { return d.koan == k && !d.honest }) {
				problems = append(problems, Problem{Koan: k.ID, What: "its ✎ block has no dodge: record a wrong way to do it as //dodge NAME: code lines"})
			}
			if !slices.ContainsFunc(ds, func(d *dodge) bool { return d.koan == k && d.honest }) {
				problems = append(problems, Problem{Koan: k.ID, What: "its ✎ block has no honest alternative: record another right way to do it as //honest NAME: code lines"})
			}
		}
		if len(ds) == 0 {
			continue
		}
		dodged := filepath.Join(tmp, strconv.Itoa(i)+"_"+filepath.Base(path))
		if err := os.WriteFile(dodged, out, 0o644); err != nil {
			return 0, 0, nil, fmt.Errorf("writing the dodges of %s: %w", file, err)
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return 0, 0, nil, fmt.Errorf("locating %s: %w", file, err)
		}
		overlay[abs] = dodged
		for _, d := range ds {
			d.file = dodged
		}
		dodges = append(dodges, ds...)
	}
	if len(dodges) == 0 {
		return 0, 0, problems, nil
	}
	overlayFile := filepath.Join(tmp, "overlay.json")
	raw, _ := json.Marshal(map[string]any{"Replace": overlay})
	if err := os.WriteFile(overlayFile, raw, 0o644); err != nil {
		return 0, 0, nil, fmt.Errorf("writing the overlay: %w", err)
	}

	runs := make([]*catalog.Koan, len(dodges))
	for i, d := range dodges {
		copyOf := *d.koan
		copyOf.Name, copyOf.ID = d.test, d.koan.Phase.Dir+"/"+d.test
		runs[i] = &copyOf
	}
	r := &runner.Runner{Root: root, Dir: catalog.SolutionsDir,
		Env: append([]string{"GOFLAGS=" + strings.TrimSpace(os.Getenv("GOFLAGS")+" -overlay="+overlayFile)}, env...)}
	results, err := r.Run(ctx, runs)
	if err != nil {
		return 0, 0, nil, err
	}
	ran, honest := 0, 0
	broken := map[string]bool{} // compiler messages already reported
	for i, res := range results {
		d := dodges[i]
		switch {
		case res.Status == runner.CompileError:
			for _, p := range compileProblems(res, dodges) {
				if !broken[p.String()] {
					broken[p.String()] = true
					problems = append(problems, p)
				}
			}
		case d.honest:
			honest++
			if !res.Passed() {
				problems = append(problems, Problem{Koan: d.koan.ID,
					What: fmt.Sprintf("its honest alternative %s fails on %s: the koan rejects a right way to do it (%s at line %d: %s)", d.name, on, res.Status, res.Line, runner.FirstLine(res.Message))})
			}
		case res.Status == runner.Pass:
			ran++
			problems = append(problems, Problem{Koan: d.koan.ID,
				What: fmt.Sprintf("its dodge %s passes on %s: the koan checks the result, not the technique", d.name, on)})
		default:
			ran++
		}
	}
	return ran, honest, problems, nil
}

// compileProblems says which dodges the compiler errors of a failed build
// are in, at the solution lines their code came from. The compiler names
// the overlaid file, not the solution's.
func compileProblems(res runner.Result, dodges []*dodge) []Problem {
	var out []Problem
	for _, line := range res.Details {
		file, n, msg, ok := runner.CompilerLine(line)
		if !ok {
			continue
		}
		for _, d := range dodges {
			if filepath.Clean(file) == filepath.Clean(d.file) && n >= d.from && n < d.from+len(d.origin) {
				kind := "dodge"
				if d.honest {
					kind = "honest alternative"
				}
				out = append(out, Problem{Koan: d.koan.ID,
					What: fmt.Sprintf("its %s %s does not compile: %s:%d: %s", kind, d.name, d.koan.File, d.origin[n-d.from], msg)})
			}
		}
	}
	if len(out) == 0 {
		out = append(out, Problem{Koan: res.Koan.Phase.Dir, What: "its dodges do not compile: " + runner.FirstLine(res.Message)})
	}
	return out
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/gorm-koans/gorm-koans/internal/dbreach"
	"github.com/gorm-koans/gorm-koans/internal/grade"
)

// gradeOutputs are where one run writes its gradebook: --format takes a
// list (html,csv,json), --output a file per format (told apart by its
// extension) or a directory that gets gradebook.EXT for each.
type gradeOutputs struct {
	format  *string
	outputs []string
}

func (o *gradeOutputs) flags(fs *flag.FlagSet) {
	o.format = fs.String("format", grade.Formats[0].Name, "one or more of "+formatNames(gradeFormats(), ", ")+", comma-separated")
	fs.Func("output", "write the gradebook to this file, or each format to its own (--output book.html --output book.csv), or into this directory", func(s string) error {
		o.outputs = append(o.outputs, s)
		return nil
	})
}

// target is one format and where it goes ("" for standard output).
type target struct {
	format grade.Format
	path   string
}

// targets checks the formats and outputs asked for and pairs them.
func (o *gradeOutputs) targets(stdio IO) ([]target, error) {
	var formats []grade.Format
	for _, name := range strings.Split(*o.format, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(grade.Formats, func(f grade.Format) bool { return f.Name == name })
		if i < 0 {
			return nil, unknownFormat(name, gradeFormats())
		}
		if !slices.ContainsFunc(formats, func(f grade.Format) bool { return f.Name == name }) {
			formats = append(formats, grade.Formats[i])
		}
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(stdio.Dir, p)
	}
	var out []target
	switch {
	case len(o.outputs) == 1 && isDir(abs(o.outputs[0]), o.outputs[0]):
		for _, f := range formats {
			out = append(out, target{f, filepath.Join(abs(o.outputs[0]), "gradebook."+f.Name)})
		}
	case len(formats) == 1 && len(o.outputs) <= 1:
		path := ""
		if len(o.outputs) == 1 {
			path = abs(o.outputs[0])
		}
		out = append(out, target{formats[0], path})
	case len(o.outputs) == 0:
		return nil, usagef("--format %s writes %d gradebooks: give --output DIR, or an --output FILE for each (its extension names its format)", *o.format, len(formats))
	default:
		byFormat := map[string]string{}
		for _, p := range o.outputs {
			ext := strings.TrimPrefix(filepath.Ext(p), ".")
			if !slices.ContainsFunc(formats, func(f grade.Format) bool { return f.Name == ext }) {
				return nil, usagef("--output %s: its extension names none of the formats asked for (%s); name each output FILE.FORMAT, or give one --output DIR", p, *o.format)
			}
			byFormat[ext] = abs(p)
		}
		for _, f := range formats {
			p, ok := byFormat[f.Name]
			if !ok {
				return nil, usagef("no --output for format %s: give an --output FILE.%s, or one --output DIR", f.Name, f.Name)
			}
			out = append(out, target{f, p})
		}
	}
	return out, nil
}

// isDir reports whether an --output names a directory: one that exists,
// or a path written with a trailing slash (made when missing).
func isDir(path, given string) bool {
	if fi, err := os.Stat(path); err == nil {
		return fi.IsDir()
	}
	if strings.HasSuffix(given, "/") || strings.HasSuffix(given, string(filepath.Separator)) {
		return os.MkdirAll(path, 0o755) == nil
	}
	return false
}

// write writes the gradebook in every format asked for.
func write(stdio IO, book grade.Gradebook, targets []target) error {
	for _, t := range targets {
		if t.path == "" {
			if err := t.format.Write(stdio.Out, book); err != nil {
				return err
			}
			continue
		}
		file, err := os.Create(t.path)
		if err != nil {
			return usagef("cannot write the gradebook to %s: %v", t.path, err)
		}
		if err := t.format.Write(file, book); err != nil {
			file.Close()
			return err
		}
		if err := file.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", t.path, err)
		}
		if len(targets) > 1 {
			fmt.Fprintf(stdio.Err, "wrote %s\n", t.path)
		}
	}
	return nil
}

func runGrade(ctx context.Context, args []string, stdio IO) error {
	if len(args) > 0 {
		switch args[0] {
		case "render":
			return runGradeRender(args[1:], stdio)
		case "merge":
			return runGradeMerge(args[1:], stdio)
		}
	}
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	jobs := fs.Int("jobs", max(1, runtime.NumCPU()), "submissions graded at once")
	var outs gradeOutputs
	outs.flags(fs)
	original := fs.String("original", "", "a clean checkout to grade against (default: the copy inside this CLI)")
	timeout := fs.Duration("timeout", grade.DefaultTimeout, "how long one koan of one submission may run")
	noSandbox := fs.Bool("no-sandbox", false, "run submissions' code without bubblewrap (only where you trust it)")
	shardFlag := fs.String("shard", "", "grade only shard i of n of the submissions (i/n), for `koans grade merge`")
	allowSuper := fs.Bool(dbreach.AllowSuperuserFlag[2:], false, "on PostgreSQL, grade even when koans would connect as a superuser (only where you trust every submission)")
	dirs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("grade needs at least one submission directory, e.g. `koans grade submissions/*`")
	}
	targets, err := outs.targets(stdio)
	if err != nil {
		return err
	}
	if *jobs < 1 || *timeout <= 0 {
		return usagef("--jobs must be at least 1 and --timeout positive")
	}
	var shard *grade.Shard
	if *shardFlag != "" {
		s, err := grade.ParseShard(*shardFlag)
		if err != nil {
			return usagef("%v", err)
		}
		shard = &s
	}
	for i, d := range dirs {
		if !filepath.IsAbs(d) {
			dirs[i] = filepath.Join(stdio.Dir, d)
		}
		// A folder without koans/ is graded "not graded", with its reason:
		// only a path that is not a folder at all is a mistake of the
		// command line.
		if fi, err := os.Stat(dirs[i]); err != nil || !fi.IsDir() {
			return usagef("%s is not a directory: grade takes submission directories, e.g. `koans grade submissions/*`", d)
		}
	}
	names := grade.Names(dirs)
	if shard != nil {
		shard.Submissions = names
		var mine, mineNames []string
		for i, d := range dirs {
			if shard.Holds(names[i]) {
				mine, mineNames = append(mine, d), append(mineNames, names[i])
			}
		}
		dirs, names = mine, mineNames
		fmt.Fprintf(stdio.Err, "shard %d/%d: %d of %d submissions\n", shard.Index, shard.Count, len(dirs), len(shard.Submissions))
	}
	g, err := newGrader(stdio, *original, *timeout, !*noSandbox, *allowSuper)
	if err != nil {
		return err
	}
	defer g.Close()
	if err := ready(ctx, stdio, g, "grade"); err != nil {
		return err
	}
	cat := g.Catalog
	if *original == "" && !releasedBuild() {
		fmt.Fprintln(stdio.Err, "koans grade: grading against the koans built into this CLI, which come from a local checkout, not a release; pass --original DIR with a clean checkout to be sure")
	}
	if *noSandbox {
		fmt.Fprintln(stdio.Err, "koans grade: no sandbox: submissions' code runs with your rights")
	}

	fmt.Fprintf(stdio.Err, "grading %d submissions on %s, %d at a time…\n", len(dirs), onWhat(g), *jobs)
	subs := g.ManyNamed(ctx, dirs, names, *jobs, func(done, total int, s grade.Submission) {
		status := fmt.Sprintf("%d/%d points", s.Sheet.Score, s.Sheet.Max)
		if s.Err != nil {
			status = "not graded: " + s.Err.Error()
		}
		fmt.Fprintf(stdio.Err, "[%d/%d] %s: %s (%.1f s)\n", done, total, s.Name, status, s.Elapsed.Seconds())
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	book := grade.NewGradebook(cat, subs)
	book.Shard = shard
	if err := write(stdio, book, targets); err != nil {
		return err
	}
	for _, s := range subs {
		if s.Err != nil {
			return failingError{}
		}
	}
	return nil
}

// readBooks reads gradebooks that `koans grade --format json` wrote.
func readBooks(stdio IO, paths []string) ([]grade.Gradebook, error) {
	var books []grade.Gradebook
	for _, p := range paths {
		full := p
		if !filepath.IsAbs(full) {
			full = filepath.Join(stdio.Dir, full)
		}
		f, err := os.Open(full)
		if err != nil {
			return nil, usagef("cannot read the gradebook %s: %v", p, err)
		}
		b, err := grade.ReadGradebook(f, p)
		f.Close()
		if err != nil {
			return nil, usagef("%v", err)
		}
		books = append(books, b)
	}
	return books, nil
}

// savedBooks reads the command line of a command over saved gradebooks:
// its formats and outputs, and the gradebooks named.
func savedBooks(name string, args []string, stdio IO) (paths []string, targets []target, books []grade.Gradebook, err error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var outs gradeOutputs
	outs.flags(fs)
	if paths, err = parseFlags(fs, args); err != nil {
		return nil, nil, nil, err
	}
	if targets, err = outs.targets(stdio); err != nil {
		return nil, nil, nil, err
	}
	books, err = readBooks(stdio, paths)
	return paths, targets, books, err
}

// runGradeRender writes a saved gradebook in other formats, without
// grading again.
func runGradeRender(args []string, stdio IO) error {
	paths, targets, books, err := savedBooks("grade render", args, stdio)
	if err != nil {
		return err
	}
	if len(paths) != 1 {
		return usagef("grade render takes one GRADEBOOK.json, e.g. `koans grade render gradebook.json --format html --output gradebook.html`")
	}
	return write(stdio, books[0], targets)
}

// runGradeMerge makes one gradebook of the shards of a batch.
func runGradeMerge(args []string, stdio IO) error {
	paths, targets, books, err := savedBooks("grade merge", args, stdio)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("grade merge takes the shards' gradebooks, e.g. `koans grade merge shard-*.json --format html,csv,json --output gradebook/`")
	}
	book, err := grade.Merge(books, paths)
	if err != nil {
		return usagef("%v", err)
	}
	if err := write(stdio, book, targets); err != nil {
		return err
	}
	for _, r := range book.Submissions {
		if r.Error != "" {
			return failingError{}
		}
	}
	return nil
}

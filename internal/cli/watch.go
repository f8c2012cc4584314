package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/term"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/watch"
)

func runWatch(ctx context.Context, args []string, stdio IO) error {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	poll := fs.Bool("poll", false, "notice saves by polling instead of file events")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("watch", rest); err != nil {
		return err
	}
	s, err := newSession(stdio)
	if err != nil {
		return err
	}
	stdin, isFile := stdio.In.(*os.File)
	if !stdio.Terminal || !isFile {
		// No terminal (CI, a pipe): one pass, the first failure, an exit code.
		return s.onePass(ctx)
	}
	return s.watch(ctx, stdin, *poll)
}

func (s *session) watch(ctx context.Context, stdin *os.File, poll bool) error {
	known, err := s.state.Load()
	if err != nil {
		return err
	}
	var dirs []string
	for _, p := range s.cat.Phases {
		dirs = append(dirs, filepath.Join(s.root, catalog.KoansDir, p.Dir))
	}
	watchCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	files := watch.WatchFiles(watchCtx, dirs, poll)

	fd := int(stdin.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return fmt.Errorf("putting the terminal in raw mode: %w", err)
	}
	// Whatever happens next, the learner gets their terminal back as it was.
	defer func() {
		fmt.Fprint(s.io.Out, watch.ShowCursor)
		_ = term.Restore(fd, old)
	}()
	fmt.Fprint(s.io.Out, watch.HideCursor)
	resize, stop := watch.Resizes()
	defer stop()

	loop := &watch.Loop{
		Catalog:  s.cat,
		Run:      s.runner.Run,
		Out:      s.io.Out,
		Style:    s.style,
		Known:    known,
		FirstRun: !s.state.Exists(),
		Files:    files.C,
		Mode:     files.Mode,
		Keys:     watch.ReadKeys(stdin),
		Resize:   resize,
		Size: func() (int, int) {
			w, h, err := term.GetSize(fd)
			if err != nil {
				return 80, 24
			}
			return w, h
		},
		After: time.After,
		Now:   time.Now,
		// Progress kept between runs is a convenience: failing to save it
		// must not stop the loop.
		Saved: func(results []runner.Result) { _ = s.state.Record(results) },
	}
	return loop.Start(ctx)
}

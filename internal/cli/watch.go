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
	unlock, err := lockWatch(s.root)
	if err != nil {
		return err
	}
	defer unlock()
	known, err := s.ws.State.Load()
	if err != nil {
		return err
	}
	var dirs []string
	for _, p := range s.cat().Phases {
		dirs = append(dirs, filepath.Join(s.root, catalog.KoansDir, p.Dir))
	}
	watchCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	files := watch.WatchFiles(watchCtx, dirs, poll)

	// TERM=dumb: a terminal that cannot move its cursor gets screens one
	// below the other, and no cursor codes.
	lineMode := s.io.Getenv("TERM") == "dumb"
	fd := int(stdin.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return fmt.Errorf("putting the terminal in raw mode: %w", err)
	}
	// Whatever happens next, the learner gets their terminal back as it was.
	defer func() {
		if !lineMode {
			fmt.Fprint(s.io.Out, watch.ShowCursor)
		}
		_ = term.Restore(fd, old)
	}()
	if !lineMode {
		fmt.Fprint(s.io.Out, watch.HideCursor)
	}
	resize, stop := watch.Resizes()
	defer stop()

	loop := &watch.Loop{
		Catalog:   s.cat(),
		Workspace: s.ws,
		Out:       s.io.Out,
		Style:     s.style,
		Known:     known,
		FirstRun:  !s.ws.State.Exists(),
		Building:  s.ws.BuildProgress,
		Database:  s.io.databaseShown(),
		Files:     files.C,
		Mode:      files.Mode,
		Keys:      watch.ReadKeys(stdin),
		Resize:    resize,
		Size: func() (int, int) {
			w, h, err := term.GetSize(fd)
			if err != nil {
				return 80, 24
			}
			return w, h
		},
		After:    time.After,
		Now:      time.Now,
		LineMode: lineMode,
	}
	return loop.Start(ctx)
}

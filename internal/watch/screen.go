package watch

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/report"
	"github.com/gorm-koans/gorm-koans/internal/runner"
)

// Terminal control: home the cursor and clear, so each frame replaces the
// last instead of scrolling. These are cursor movements, not colours, and
// stay under NO_COLOR.
const (
	clearScreen = "\x1b[H\x1b[2J"
	HideCursor  = "\x1b[?25l"
	ShowCursor  = "\x1b[?25h"
)

// draw renders the whole screen in one write, every line fitted to the
// terminal's width. The terminal is in raw mode, where a newline does not
// return the carriage: every line ends in \r\n.
func (l *Loop) draw(s *state) {
	var b, foot bytes.Buffer
	switch {
	case s.view == viewList:
		l.drawList(&b, s)
	case s.phaseDone != nil:
		l.header(&b, s)
		l.drawPhaseDone(&b, s.phaseDone)
	default:
		l.drawKoan(&b, &foot, s)
	}
	width, height := l.size()
	body := report.Wrap(strings.TrimRight(b.String(), "\n"), width)
	footer := report.Wrap(strings.TrimRight(foot.String(), "\n"), width)
	if l.LineMode {
		// No cursor to move: print a screen only when it says something new.
		text := strings.TrimLeft(body+"\n"+footer, "\n")
		if text == s.lastFrame {
			return
		}
		s.lastFrame = text
		fmt.Fprint(l.Out, strings.ReplaceAll(text, "\n", "\r\n")+"\r\n"+strings.Repeat("─", min(width, 40))+"\r\n")
		return
	}
	text := fitHeight(body, footer, width, height, l.Style)
	fmt.Fprint(l.Out, clearScreen+strings.ReplaceAll(text, "\n", "\r\n")+"\r\n")
}

// fitHeight keeps a screen within the terminal's height, so that its top
// never scrolls away: the body is cut, with a line saying so, and the keys
// stay at the bottom.
func fitHeight(body, footer string, width, height int, st report.Style) string {
	lines := strings.Split(body, "\n")
	var feet []string
	if footer != "" {
		feet = strings.Split(footer, "\n")
	}
	room := height - 1 - len(feet) // the last row holds the cursor
	if len(lines) <= room || room < 3 {
		return strings.Join(append(lines, feet...), "\n")
	}
	cut := len(lines) - (room - 1)
	more := report.Fit(fmt.Sprintf("… %d more lines: a taller terminal shows them", cut), width)
	kept := append(lines[:room-1:room-1], st.Dim(more))
	return strings.Join(append(kept, feet...), "\n")
}

func (l *Loop) size() (width, height int) {
	if l.Size == nil {
		return 80, 24
	}
	return l.Size()
}

func (l *Loop) known(s *state) map[string]runner.Result {
	m := map[string]runner.Result{}
	for _, k := range l.Catalog.Koans() {
		if r, ok := s.results[k.ID]; ok {
			m[k.ID] = r
		} else if st, ok := l.Known[k.ID]; ok {
			m[k.ID] = runner.Result{Koan: k, Status: st}
		}
	}
	return m
}

func (l *Loop) header(b *bytes.Buffer, s *state) {
	st := l.Style
	mode := "watching for saves"
	if l.Mode != nil {
		mode += " (" + l.Mode() + ")"
	}
	if l.Database != "" {
		mode = "on " + l.Database + " · " + mode
	}
	fmt.Fprintf(b, "%s  %s\n", st.Bold("gorm-koans"), st.Dim(mode))
	report.Progress(b, st, l.Catalog, l.known(s))
	switch {
	case len(s.running) > 0:
		elapsed := l.Now().Sub(s.started).Truncate(time.Second)
		msg := fmt.Sprintf("⟳ running %s… %s", phaseNames(s.running), elapsed)
		if l.FirstRun || elapsed >= SlowBuild(len(s.running)) {
			msg += " — " + ColdBuild
		}
		fmt.Fprintln(b, st.Accent(msg))
		if l.Building != nil {
			if progress := l.Building(); progress != "" {
				fmt.Fprintln(b, st.Dim(progress))
			}
		}
	case s.err != nil:
		fmt.Fprintln(b, st.Fail("could not run the koans: "+s.err.Error()))
	case len(s.confirmed) == 0:
		fmt.Fprintln(b, st.Dim("progress from your last session"))
	default:
		fmt.Fprintln(b)
	}
	fmt.Fprintln(b)
}

// SlowBuild is longer than any rebuild of that many phases with a warm
// build cache: past it, the cache must be cold (a first run, a new Go, a
// cleaned cache), and the learner is told why the wait is long (ColdBuild).
func SlowBuild(phases int) time.Duration {
	return time.Duration(max(1, phases)) * 8 * time.Second
}

// ColdBuild says why a run with a cold build cache takes long.
const ColdBuild = "the first build (or one after a Go update or a cleaned cache) compiles Go's packages, GORM and SQLite: about a minute on a 2-core machine, once"

func (l *Loop) drawKoan(b, foot *bytes.Buffer, s *state) {
	st := l.Style
	l.header(b, s)
	cur := l.current(s)
	if cur == nil {
		if len(s.running) == 0 && s.err == nil {
			l.drawEnd(b)
			return
		}
		fmt.Fprintln(b, st.Dim("checking every phase…"))
	} else {
		r, ok := s.results[cur.ID]
		if !ok {
			r = runner.Result{Koan: cur, Status: l.Known[cur.ID], File: cur.File, Line: cur.Line, Message: "not run yet in this session"}
		}
		r.Koan = cur
		v := report.View{}
		if cur.ID == s.shown {
			v = s.shownView
		}
		v.Help = l.helpOn(s, cur)
		if v.Help.Rung().Compare && cur.ID == s.refOf {
			v.Reference = s.ref
		}
		report.KoanView(b, st, r, v)
	}
	fmt.Fprintln(foot)
	help := l.helpOn(s, cur).Rung().Next
	switch s.pin {
	case pinList:
		fmt.Fprintln(foot, st.Dim("picked from the list · p: the first failing koan"))
	case pinSkip:
		fmt.Fprintln(foot, st.Dim("skipped ahead · p: the first failing koan"))
	case pinStay:
		fmt.Fprintln(foot, st.Dim("after the koan you solved · p: the first failing koan"))
	}
	fmt.Fprintln(foot, st.Dim(help+" · l list · r rerun · n skip to the next · q quit"))
}

// drawPhaseDone is the moment a phase is finished: its badge, and the next
// phase named with its README and the idea it opens with.
func (l *Loop) drawPhaseDone(b *bytes.Buffer, p *catalog.Phase) {
	st := l.Style
	fmt.Fprintf(b, "%s\n\n", st.Pass(fmt.Sprintf("✓ Phase %02d done: %s %s — all %d koans pass.", p.Number, p.Title, p.Badge, len(p.Koans))))
	var next *catalog.Phase
	for i, other := range l.Catalog.Phases {
		if other.Dir == p.Dir && i+1 < len(l.Catalog.Phases) {
			next = l.Catalog.Phases[i+1]
		}
	}
	if next != nil {
		fmt.Fprintf(b, "%s %02d · %s %s\n", st.Bold("Next:"), next.Number, next.Title, next.Badge)
		fmt.Fprintf(b, "  read %s first.\n", st.Accent(catalog.KoansDir+"/"+next.Dir+"/README.md"))
		if next.Idea != "" {
			fmt.Fprintf(b, "  It opens with: %s\n", next.Idea)
		}
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, st.Dim("press any key to go on · q quit"))
}

func (l *Loop) drawEnd(b *bytes.Buffer) {
	st := l.Style
	total := len(l.Catalog.Koans())
	fmt.Fprintf(b, "%s\n\n", st.Pass(fmt.Sprintf("✓ Every koan passes — %d of %d. You have walked the whole path.", total, total)))
	fmt.Fprintln(b, st.Bold("What you learned:"))
	for _, p := range l.Catalog.Phases {
		fmt.Fprintf(b, "  %s %02d · %s\n", st.Pass("✓"), p.Number, p.Title)
	}
	for _, p := range l.Catalog.Phases {
		if p.Ending {
			fmt.Fprintf(b, "\n%s read %s: what to build next, and when to reach for sqlc, sqlx or ent instead.\n",
				st.Bold("Where to go next:"), st.Accent(catalog.KoansDir+"/"+p.Dir+"/README.md"))
		}
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, st.Dim("r check everything again · q quit"))
}

func (l *Loop) drawList(b *bytes.Buffer, s *state) {
	st := l.Style
	known := l.known(s)
	width, _ := l.size()
	help := "↑↓ jk · PgUp PgDn · g G · 1–10 phase · / find · Enter open · Esc back"
	if s.search != nil {
		help = "find: /" + *s.search + "▏  (Enter or Esc ends)"
	}
	header := report.Wrap(st.Bold("Koans")+"  "+st.Dim(help), width)
	fmt.Fprintf(b, "%s\n\n", header)
	var lines []string
	cursorLine := 0
	all := l.Catalog.Koans()
	for _, p := range l.Catalog.Phases {
		lines = append(lines, report.Fit(st.Bold(fmt.Sprintf("%02d · %s", p.Number, p.Title))+" "+p.Badge, width))
		for _, k := range p.Koans {
			pointer := "  "
			if indexOf(all, k) == s.cursor {
				pointer = st.Accent("> ")
				cursorLine = len(lines)
			}
			title := k.Title
			if k.Missing {
				title = "missing: `koans reset " + k.ID + "` restores it"
			}
			lines = append(lines, report.Fit(fmt.Sprintf("%s%s %s  %s", pointer, st.Mark(known[k.ID]), k.Name, st.Dim(title)), width))
		}
	}
	room := l.listRoom() - (strings.Count(header, "\n"))
	start := max(0, min(cursorLine-room/2, len(lines)-room))
	end := min(len(lines), start+room)
	for _, line := range lines[start:end] {
		fmt.Fprintln(b, line)
	}
}

// listRoom is how many rows of the list fit under its header.
func (l *Loop) listRoom() int {
	_, height := l.size()
	return max(3, height-3)
}

func phaseNames(phases []*catalog.Phase) string {
	names := make([]string, len(phases))
	for i, p := range phases {
		names[i] = p.Dir
	}
	if len(names) > 3 {
		return fmt.Sprintf("%s … %s (%d phases)", names[0], names[len(names)-1], len(names))
	}
	return strings.Join(names, ", ")
}

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

// draw renders the whole screen in one write. The terminal is in raw mode,
// where a newline does not return the carriage: every line ends in \r\n.
func (l *Loop) draw(s *state) {
	var b bytes.Buffer
	switch {
	case s.view == viewList:
		l.drawList(&b, s)
	default:
		l.drawKoan(&b, s)
	}
	frame := strings.ReplaceAll(strings.TrimRight(b.String(), "\n"), "\n", "\r\n")
	fmt.Fprint(l.Out, clearScreen+frame+"\r\n")
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
	fmt.Fprintf(b, "%s  %s\n", st.Bold("gorm-koans"), st.Dim(mode))
	report.Progress(b, st, l.Catalog, l.known(s))
	switch {
	case len(s.running) > 0:
		elapsed := l.Now().Sub(s.started).Truncate(time.Second)
		msg := fmt.Sprintf("⟳ running %s… %s", phaseNames(s.running), elapsed)
		if l.FirstRun {
			msg += " — the first run compiles SQLite and GORM: a minute or two, once"
		}
		fmt.Fprintln(b, st.Accent(msg))
	case s.err != nil:
		fmt.Fprintln(b, st.Fail("could not run the koans: "+s.err.Error()))
	case len(s.confirmed) == 0:
		fmt.Fprintln(b, st.Dim("progress from your last session"))
	default:
		fmt.Fprintln(b)
	}
	fmt.Fprintln(b)
}

func (l *Loop) drawKoan(b *bytes.Buffer, s *state) {
	st := l.Style
	l.header(b, s)
	cur := l.current(s)
	if cur == nil {
		if len(s.running) == 0 && s.err == nil {
			l.drawEnd(b)
			return
		}
		fmt.Fprintln(b, st.Dim("checking every phase…"))
	} else if r, ok := s.results[cur.ID]; ok {
		report.Koan(b, st, r)
	} else {
		report.Koan(b, st, runner.Result{Koan: cur, Status: l.Known[cur.ID], File: cur.File, Line: cur.Line, Message: "not run yet in this session"})
	}
	if s.hint && cur != nil {
		fmt.Fprintln(b)
		report.Hint(b, st, cur)
	}
	fmt.Fprintln(b)
	keys := "h hint · l list · r rerun · n skip to the next · q quit"
	if s.pinned != nil {
		keys = "h hint · l list · r rerun · n skip to the next · q quit   (picked from the list; passes → back to the path)"
	}
	fmt.Fprintln(b, st.Dim(keys))
}

func (l *Loop) drawEnd(b *bytes.Buffer) {
	st := l.Style
	total := len(l.Catalog.Koans())
	fmt.Fprintf(b, "%s\n\n", st.Pass(fmt.Sprintf("✓ Every koan passes — %d of %d. You have walked the whole path.", total, total)))
	fmt.Fprintln(b, st.Bold("What you learned:"))
	for _, p := range l.Catalog.Phases {
		fmt.Fprintf(b, "  %s %02d · %s\n", st.Pass("✓"), p.Number, p.Title)
	}
	last := l.Catalog.Phases[len(l.Catalog.Phases)-1]
	fmt.Fprintf(b, "\n%s read %s: what to build next, and when to reach for sqlc, sqlx or ent instead.\n",
		st.Bold("Where to go next:"), st.Accent(catalog.KoansDir+"/"+last.Dir+"/README.md"))
	fmt.Fprintln(b)
	fmt.Fprintln(b, st.Dim("r check everything again · q quit"))
}

func (l *Loop) drawList(b *bytes.Buffer, s *state) {
	st := l.Style
	known := l.known(s)
	fmt.Fprintf(b, "%s  %s\n\n", st.Bold("Koans"), st.Dim("↑/↓ or j/k move · Enter open · Esc or l back · q quit"))
	var lines []string
	cursorLine := 0
	for _, p := range l.Catalog.Phases {
		lines = append(lines, st.Bold(fmt.Sprintf("%02d · %s", p.Number, p.Title))+" "+p.Badge)
		for _, k := range p.Koans {
			pointer := "  "
			if indexOf(l.Catalog.Koans(), k) == s.cursor {
				pointer = st.Accent("> ")
				cursorLine = len(lines)
			}
			lines = append(lines, fmt.Sprintf("%s%s %s  %s", pointer, st.Mark(known[k.ID]), k.Name, st.Dim(k.Title)))
		}
	}
	_, height := 80, 24
	if l.Size != nil {
		_, height = l.Size()
	}
	room := max(5, height-4)
	start := max(0, min(cursorLine-room/2, len(lines)-room))
	end := min(len(lines), start+room)
	for _, line := range lines[start:end] {
		fmt.Fprintln(b, line)
	}
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

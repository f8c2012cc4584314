package grade

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gorm-koans/gorm-koans/internal/catalog"
	"github.com/gorm-koans/gorm-koans/internal/runner"
	"github.com/gorm-koans/gorm-koans/internal/score"
)

// class makes n submissions graded against cat, with verdicts drawn as a
// class behaves: each learner gets through the phases in order up to where
// they stopped, some koans are harder than others, and now and then a phase
// does not compile, a koan loops or panics, a file is missing, a learner
// tampers, a submission cannot be graded. Same seed, same class.
func class(cat *catalog.Catalog, n int, seed uint64) []Submission {
	rng := rand.New(rand.NewPCG(seed, 1))
	names := []string{"ada", "alan", "barbara", "brian", "claude", "dennis", "donald", "edsger", "frances", "grace",
		"guido", "hedy", "ivan", "james", "jean", "john", "ken", "leslie", "linus", "margaret",
		"niklaus", "radia", "rob", "robin", "russ", "shafi", "sophie", "tim", "tony", "vint",
		"whitfield", "yukihiro", "anders", "bjarne", "katherine", "mary"}
	var all []*catalog.Koan
	for _, p := range cat.Phases {
		all = append(all, p.Koans...)
	}
	hardness := func(k *catalog.Koan) float64 {
		h := fnv.New64a()
		h.Write([]byte(k.ID))
		return float64(h.Sum64()%1000) / 1000
	}
	var subs []Submission
	for i := range n {
		name := names[i%len(names)]
		if i >= len(names) {
			name += fmt.Sprint(i / len(names))
		}
		sub := Submission{Name: name, Time: fmt.Sprintf("2026-11-%02dT%02d:%02d:00Z", 1+i%28, 8+i%12, (7*i)%60)}
		if i == 7 {
			sub.Err = errors.New("koans/04_session/01_session_test.go is not valid UTF-8")
			subs = append(subs, sub)
			continue
		}
		skill := 0.55 + 0.45*rng.Float64()
		reached := int(float64(len(all)) * min(1, 0.25+rng.Float64()))
		if i == 5 { // never started: the koans as handed out
			reached = 0
		}
		broken := -1 // a phase that does not compile
		if rng.IntN(6) == 0 {
			broken = rng.IntN(len(cat.Phases))
		}
		results := map[string]runner.Result{}
		tampered := map[string][]string{}
		for j, k := range all {
			r := runner.Result{Koan: k, Status: runner.Pass, File: k.File, Line: k.Line}
			odds := skill - 0.5*hardness(k)*hardness(k)
			switch {
			case k.Phase.Number-1 == broken && j < reached:
				// One error fails the whole phase, each koan naming it.
				first := cat.Phases[broken].Koans[0]
				r.Status, r.File, r.Line = runner.CompileError, first.File, first.Line+3
				r.Message = "does not compile: undefined: authorz"
			case j >= reached || rng.Float64() > odds:
				r.Status, r.Message = runner.Fail, "fill in the blank"
				if len(k.Blanks) > 0 && k.Blanks[0].Comment != "" {
					r.Message += ": " + k.Blanks[0].Comment
				} else if len(k.Regions) > 0 {
					r.Message = "Error: Not equal:\n\texpected: 1\n\tactual  : 4\nMessages: one query, please"
				}
			case rng.IntN(80) == 0:
				r.Status, r.Message = runner.Timeout, "ran out of time (10s): a loop that never ends, or a query waiting for a connection the koan holds"
			case rng.IntN(120) == 0:
				r.Status, r.Message = runner.Panic, "panic: runtime error: invalid memory address or nil pointer dereference"
			}
			results[k.ID] = r
		}
		if i == 3 {
			for _, k := range all[len(all)/3 : len(all)/3+2] {
				tampered[k.ID] = []string{fmt.Sprintf("%s:%d: a blank holds a value, not a call (rule 4)", k.File, k.Line+4)}
			}
		}
		var missing []string
		if i == 11 { // its last file is gone: those koans fail as missing
			missing = []string{all[len(all)-1].File}
			for _, k := range all {
				if k.File == missing[0] {
					delete(results, k.ID)
				}
			}
		}
		sub.Sheet = score.Compute(cat, results, tampered)
		sub.Sheet.Missing = missing
		sub.Attempted = []string{}
		for j, k := range all {
			if j < reached && !slices.Contains(sub.Attempted, k.Phase.Dir) {
				sub.Attempted = append(sub.Attempted, k.Phase.Dir)
			}
		}
		subs = append(subs, sub)
	}
	return subs
}

// small is a catalog of two phases of three koans.
func small() *catalog.Catalog {
	cat := &catalog.Catalog{}
	for n, title := range []string{"Arena", "Second"} {
		p := &catalog.Phase{Dir: fmt.Sprintf("%02d_%s", n+1, strings.ToLower(title)), Number: n + 1, Title: title, Points: 1}
		for i := range 3 {
			name := fmt.Sprintf("TestKoan%d", i+1)
			p.Koans = append(p.Koans, &catalog.Koan{ID: p.Dir + "/" + name, Name: name, Phase: p, Title: fmt.Sprintf("Koan %d of %s.", i+1, title),
				File: "koans/" + p.Dir + "/a_test.go", Line: 10 * (i + 1), Points: 1})
		}
		cat.Phases = append(cat.Phases, p)
	}
	return cat
}

func TestGradebookHTMLIsSelfContained(t *testing.T) {
	var page bytes.Buffer
	require.NoError(t, HTML(&page, NewGradebook(small(), class(small(), 12, 1))))
	html := page.String()
	for _, remote := range []string{"http://", "https://", "<link", "src=", "@import", "url("} {
		assert.NotContains(t, html, remote, "a page that fetches nothing")
	}
	assert.Contains(t, html, "<style>")
	assert.Contains(t, html, "<script>")
	assert.Contains(t, html, `data-alert="tampered"`)
	assert.Contains(t, html, `data-alert="broken"`)
	assert.Contains(t, html, `data-alert="missing"`)
	assert.Contains(t, html, `data-alert="behind"`)
}

// A message that would close the page's script is data, not markup.
func TestGradebookDataCannotCloseItsScript(t *testing.T) {
	cat := small()
	subs := class(cat, 3, 1)
	subs[0].Sheet.Koans[1].Message = "</script><script>alert(1)</script>"
	subs[0].Sheet.Koans[1].Status = runner.Fail
	var page bytes.Buffer
	require.NoError(t, HTML(&page, NewGradebook(cat, subs)))
	assert.Equal(t, 2, strings.Count(page.String(), "</script>"), "the page's own two scripts only")
}

// chromium finds Debian's headless browser. In CI (CI set) its absence
// fails the test: the gradebook must be seen by a browser there.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed: CI must run the gradebook in a browser (.ci/run installs Debian's chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium); CI runs this test")
	return ""
}

// seen is what the browser shows of the students' table.
type seen struct {
	Rows   []string          `json:"rows"`   // visible names, top to bottom
	Counts map[string]int    `json:"counts"` // cells by status
	Colors map[string]string `json:"colors"` // computed background by status
	Legend map[string]string `json:"legend"` // the legend's swatch colours
	Alerts []string          `json:"alerts"`
}

const readTable = `(() => {
  const byClass = {p: 'pass', f: 'fail', c: 'compile_error', t: 'timeout', x: 'panic', m: 'tampered', n: 'not_started'};
  const seen = {rows: [], counts: {}, colors: {}, legend: {}, alerts: []};
  document.querySelectorAll('#students tbody tr').forEach(tr => { if (!tr.hidden) seen.rows.push(tr.dataset.name); });
  document.querySelectorAll('#students tbody td').forEach(td => {
    const s = byClass[td.className];
    if (!s) return;
    const c = getComputedStyle(td).backgroundColor;
    seen.counts[s] = (seen.counts[s] || 0) + 1;
    if (seen.colors[s] && seen.colors[s] !== c) seen.colors[s] = 'mixed: ' + seen.colors[s] + ' and ' + c;
    else seen.colors[s] = c;
  });
  document.querySelectorAll('#legend .swatch').forEach(sw => seen.legend[sw.dataset.status] = getComputedStyle(sw).backgroundColor);
  document.querySelectorAll('[data-alert]').forEach(a => { const l = a.querySelector('a'); seen.alerts.push(a.dataset.alert + (l ? ' ' + l.textContent : '')); });
  return seen;
})()`

func look(t *testing.T, ctx context.Context) seen {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[seen](readTable))
	require.NoError(t, err)
	return s
}

// browse opens the page in headless Chromium at width×height and hands
// back its context.
func browse(t *testing.T, page string, width, height int) context.Context {
	t.Helper()
	bin := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.WindowSize(width, height))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.ID("students"))))
	return ctx
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

// want is what the page must show, read from the gradebook's JSON as
// `koans grade --format json` prints it.
type want struct {
	Submissions []struct {
		Name      string         `json:"name"`
		Score     int            `json:"score"`
		Phases    map[string]int `json:"phases"`
		Tampered  []string       `json:"tampered"`
		Attempted []string       `json:"attempted"`
		Error     string         `json:"error"`
		Koans     []struct {
			ID, Status, Message, File string
			Line                      int
		} `json:"koans"`
	} `json:"submissions"`
}

func wanted(t *testing.T, book Gradebook) want {
	t.Helper()
	var js bytes.Buffer
	require.NoError(t, JSON(&js, book))
	var w want
	require.NoError(t, json.Unmarshal(js.Bytes(), &w))
	return w
}

func TestGradebookInChromium(t *testing.T) {
	cat := small()
	book := NewGradebook(cat, class(cat, 12, 1))
	dir := t.TempDir()
	page := filepath.Join(dir, "gradebook.html")
	var html bytes.Buffer
	require.NoError(t, HTML(&html, book))
	require.NoError(t, os.WriteFile(page, html.Bytes(), 0o644))
	w := wanted(t, book)

	phaseOf := map[string]string{}
	for _, p := range book.Phases {
		for _, k := range p.Koans {
			phaseOf[k.ID] = p.Phase
		}
	}
	counts := map[string]int{}
	var names, alerts []string
	for _, s := range w.Submissions {
		names = append(names, s.Name)
		if s.Error != "" {
			alerts = append(alerts, "broken "+s.Name)
		} else if len(s.Tampered) > 0 {
			alerts = append(alerts, "tampered "+s.Name)
		}
		for _, k := range s.Koans {
			status := k.Status
			if status == "fail" && !slices.Contains(s.Attempted, phaseOf[k.ID]) {
				status = NotStarted // a phase the learner never touched
			}
			counts[status]++
		}
	}

	ctx := browse(t, page, 1100, 900)
	got := look(t, ctx)
	assert.Equal(t, names, got.Rows, "one row per submission, in the gradebook's order")
	assert.Equal(t, counts, got.Counts, "one cell per koan of each graded submission, by status")
	for _, s := range []string{"pass", "fail", "compile_error", "tampered", NotStarted} {
		assert.Positive(t, got.Counts[s], "the class shows %s cells (else this test proves little)", s)
	}
	colours := map[string]string{}
	for status, c := range got.Colors {
		assert.NotContains(t, c, "mixed", status)
		assert.Equal(t, got.Legend[status], c, "%s cells have the legend's colour", status)
		if other, ok := colours[c]; ok {
			t.Errorf("%s and %s share the colour %s", status, other, c)
		}
		colours[c] = status
	}
	assert.Len(t, got.Legend, len(Statuses), "the legend names every status")
	assert.Subset(t, got.Alerts, alerts, "tampered and ungradable submissions are called out at the top")
	state := eval[string](t, ctx, `document.querySelector('#students tr[data-name="`+w.Submissions[5].Name+`"]').dataset.state`)
	assert.Equal(t, NotStarted, state, "a learner who never started is not started, not failing")

	// Per-phase points per student, and the time handed in.
	points := eval[[]string](t, ctx, `[...document.querySelectorAll('#students tbody tr:first-child td.pt')].map(td => td.textContent)`)
	var wantPoints []string
	for _, p := range book.Phases {
		wantPoints = append(wantPoints, fmt.Sprint(w.Submissions[0].Phases[p.Phase]))
	}
	assert.Equal(t, wantPoints, points)
	assert.Equal(t, "2026-11-01 08:00", eval[string](t, ctx, `document.querySelector('#students tbody tr:first-child td.tm').textContent`))

	// Each phase's class average, from the same JSON.
	sums, graded := map[string]int{}, 0
	for _, s := range w.Submissions {
		if s.Error != "" {
			continue
		}
		graded++
		for p, n := range s.Phases {
			sums[p] += n
		}
	}
	averages := eval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll('[data-phase]')].map(c => [c.dataset.phase, c.querySelector('[data-average]').dataset.average]))`)
	for p, sum := range sums {
		assert.Equal(t, fmt.Sprintf("%.1f", float64(sum)/float64(graded)), averages[p], p)
	}

	// The hardest koan: the lowest pass rate among those who reached it.
	lowest := 101
	for _, p := range book.Phases {
		for _, k := range p.Koans {
			passed, reached := 0, 0
			for _, s := range w.Submissions {
				if s.Error != "" || !slices.Contains(s.Attempted, p.Phase) {
					continue
				}
				reached++
				for _, v := range s.Koans {
					if v.ID == k.ID && v.Status == "pass" {
						passed++
					}
				}
			}
			if reached > 0 {
				lowest = min(lowest, 100*passed/reached)
			}
		}
	}
	first := eval[map[string]string](t, ctx, `({...document.querySelector('#hardest tr[data-koan]').dataset})`)
	var passed, reached int
	fmt.Sscan(first["passed"], &passed)
	fmt.Sscan(first["reached"], &reached)
	require.Positive(t, reached)
	assert.Equal(t, lowest, 100*passed/reached, "the hardest koan has the lowest rate among those who reached it: %v", first)

	// Sorting, as an instructor clicks the headers.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#students th[data-sort=name]`))))
	got = look(t, ctx)
	assert.True(t, slices.IsSorted(got.Rows), "by name: %v", got.Rows)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#students th[data-sort=score]`))))
	got = look(t, ctx)
	scores := map[string]int{}
	for _, s := range w.Submissions {
		scores[s.Name] = s.Score
	}
	for i := 1; i < len(got.Rows); i++ {
		assert.GreaterOrEqual(t, scores[got.Rows[i-1]], scores[got.Rows[i]], "by score, best first: %v", got.Rows)
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#students th[data-sort="1"]`))))
	got = look(t, ctx)
	second := book.Phases[1].Phase
	byPhase := map[string]int{}
	for _, s := range w.Submissions {
		byPhase[s.Name] = s.Phases[second]
	}
	for i := 1; i < len(got.Rows); i++ {
		assert.GreaterOrEqual(t, byPhase[got.Rows[i-1]], byPhase[got.Rows[i]], "by %s's points: %v", second, got.Rows)
	}

	// The filter: by name, and by state.
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("filter"), "ada")))
	got = look(t, ctx)
	assert.Equal(t, []string{"ada"}, got.Rows)
	assert.True(t, eval[bool](t, ctx, `(() => { const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input')); return true; })()`))
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("filter"), "tampered")))
	got = look(t, ctx)
	var tampered []string
	for _, s := range w.Submissions {
		if len(s.Tampered) > 0 {
			tampered = append(tampered, s.Name)
		}
	}
	assert.ElementsMatch(t, tampered, got.Rows)
	assert.True(t, eval[bool](t, ctx, `(() => { const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input')); return true; })()`))

	// The CSV the page downloads is `koans grade --format csv`'s.
	var csv bytes.Buffer
	require.NoError(t, CSV(&csv, book))
	downloads := t.TempDir()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			allow := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &allow,
			})
			return err
		}),
		chromedp.Click(chromedp.ID("csv")),
	))
	for ev, err := range progress {
		require.NoError(t, err)
		if ev.State == browser.DownloadProgressStateCompleted {
			raw, err := os.ReadFile(filepath.Join(downloads, ev.GUID))
			require.NoError(t, err)
			assert.Equal(t, csv.String(), string(raw), "the page's CSV is the CLI's")
			break
		}
	}

	// A name leads to that learner's koans that do not pass, with messages,
	// and a compile error once, with where it is.
	broken, learner := "", ""
	for _, s := range w.Submissions {
		for _, k := range s.Koans {
			if broken == "" && k.Status == "compile_error" {
				broken = s.Name
			}
			if learner == "" && k.Status == "fail" && strings.Contains(k.Message, "fill in the blank") {
				learner = s.Name
			}
		}
	}
	require.NotEmpty(t, broken, "the class has a phase that does not compile")
	detail := func(name string) string {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#students tr[data-name="`+name+`"] td.name a`))))
		text := ""
		for wait := time.Now().Add(5 * time.Second); text == "" && time.Now().Before(wait); {
			text = eval[string](t, ctx, `(() => { const d = document.getElementById('detail'); return d.dataset.student === `+strconvQuote(name)+` ? d.innerText : ''; })()`)
			if text == "" {
				time.Sleep(20 * time.Millisecond)
			}
		}
		return text
	}
	text := detail(learner)
	assert.True(t, strings.HasPrefix(text, learner+" · "), "the link opens %s's koans: %q", learner, text)
	assert.Contains(t, text, "fill in the blank", "with the failing koans' messages")
	text = detail(broken)
	assert.Equal(t, 1, strings.Count(text, "undefined: authorz"), "a compile error once per student: %s", text)
	for _, s := range w.Submissions {
		if s.Name != broken {
			continue
		}
		for _, k := range s.Koans {
			if k.Status == "compile_error" {
				assert.Contains(t, text, fmt.Sprintf("%s:%d", k.File, k.Line), "with its file:line")
				break
			}
		}
	}
}

// firstScreen checks what an instructor's first screen holds: at least
// rows students, not cards, and their names, which stay while the heatmap
// scrolls sideways.
func firstScreen(t *testing.T, ctx context.Context, rows int) {
	t.Helper()
	width := eval[int](t, ctx, `innerWidth`)
	onScreen := eval[int](t, ctx, `[...document.querySelectorAll('#students tbody tr')].filter(tr => tr.getBoundingClientRect().bottom <= innerHeight).length`)
	t.Logf("%d px wide: %d students on the first screen", width, onScreen)
	assert.GreaterOrEqual(t, onScreen, rows, "%d px wide: the first screen shows most of the class", width)
	wrapLeft := eval[float64](t, ctx, `(() => { const w = document.getElementById('heat-wrap'); w.scrollLeft = w.scrollWidth; return w.getBoundingClientRect().left; })()`)
	scrolled := eval[float64](t, ctx, `document.getElementById('heat-wrap').scrollLeft`)
	assert.Positive(t, scrolled, "%d px wide: the heatmap is wider than the screen", width)
	nameLeft := eval[float64](t, ctx, `document.querySelector('#students tbody td.name').getBoundingClientRect().left`)
	assert.InDelta(t, wrapLeft, nameLeft, 2, "%d px wide: the name column sticks to the left edge", width)
	visible := eval[bool](t, ctx, `(() => { const r = document.querySelector('#students tbody td.name').getBoundingClientRect(); const e = document.elementFromPoint(r.left + 20, r.top + r.height / 2); return !!e && !!e.closest('td.name'); })()`)
	assert.True(t, visible, "%d px wide: and is drawn over the cells", width)
	eval[float64](t, ctx, `document.getElementById('heat-wrap').scrollLeft = 0`)
}

func strconvQuote(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}

// TestGradebookOfAClass draws a class of 30 over the shipped catalog at
// 1400×1000 and 800×1000 and checks what an instructor's first screen
// holds; it measures
// the page for 30 and 300 students. GRADEBOOK_SCREENSHOT=path saves its
// screenshot there (docs/gradebook.png).
func TestGradebookOfAClass(t *testing.T) {
	t.Parallel()
	_, cat := load(t, filepath.Join("..", ".."))
	book := NewGradebook(cat, class(cat, 30, 2026))
	dir := t.TempDir()
	page := filepath.Join(dir, "gradebook.html")
	var html bytes.Buffer
	require.NoError(t, HTML(&html, book))
	require.NoError(t, os.WriteFile(page, html.Bytes(), 0o644))
	t.Logf("the page of 30 students: %d KB", html.Len()/1024)
	assert.Less(t, html.Len(), 500<<10, "a class of 30 under 500 KB")

	ctx := browse(t, page, 1400, 1000)
	koans := 0
	for _, p := range cat.Phases {
		koans += len(p.Koans)
	}
	got := look(t, ctx)
	total := 0
	for _, n := range got.Counts {
		total += n
	}
	assert.Equal(t, 29*koans, total, "29 graded submissions × every koan")
	assert.Equal(t, 10, eval[int](t, ctx, `document.querySelectorAll('#hardest tr[data-koan]').length`))

	firstScreen(t, ctx, 20)
	// On a narrower screen (a laptop's half, a projector) the students
	// still come first.
	firstScreen(t, browse(t, page, 800, 1000), 20)

	// The overview, sorted by score, as an instructor opens it.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#students th[data-sort=score]`))))
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	out := filepath.Join(dir, "gradebook.png")
	if p := os.Getenv("GRADEBOOK_SCREENSHOT"); p != "" {
		out = p
	}
	require.NoError(t, os.WriteFile(out, shot, 0o644))
	t.Logf("screenshot: %s", out)

	// 300 students: the page still opens, sorts and filters.
	big := NewGradebook(cat, class(cat, 300, 2027))
	html.Reset()
	require.NoError(t, HTML(&html, big))
	t.Logf("the page of 300 students: %d KB", html.Len()/1024)
	bigPage := filepath.Join(dir, "big.html")
	require.NoError(t, os.WriteFile(bigPage, html.Bytes(), 0o644))
	start := time.Now()
	ctx = browse(t, bigPage, 1400, 1000)
	t.Logf("300 students: opened in %v", time.Since(start).Round(time.Millisecond))
	assert.Equal(t, 300, len(look(t, ctx).Rows))
	sortMS := eval[float64](t, ctx, `(() => { const t0 = performance.now(); document.querySelector('#students th[data-sort=score]').click(); document.body.offsetHeight; return performance.now() - t0; })()`)
	t.Logf("300 students: sorted and laid out in %.0f ms", sortMS)
	assert.Less(t, sortMS, 5000.0, "sorting 300 students stays usable")
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("filter"), "ada")))
	assert.NotEmpty(t, look(t, ctx).Rows)
}

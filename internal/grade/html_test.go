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
		sub := Submission{Name: name}
		if i == 7 {
			sub.Err = errors.New("koans/04_session/01_session_test.go is not valid UTF-8")
			subs = append(subs, sub)
			continue
		}
		skill := 0.55 + 0.45*rng.Float64()
		reached := int(float64(len(all)) * min(1, 0.25+rng.Float64()))
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
			case k.Phase.Number-1 == broken:
				r.Status, r.Line = runner.CompileError, k.Line+3
				r.Message = fmt.Sprintf("does not compile: %s:%d:9: undefined: authorz", k.File, k.Line+3)
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

// cellsSeen is what the browser shows of the heatmap.
type cellsSeen struct {
	Rows   []string          `json:"rows"`   // names, top to bottom
	Counts map[string]int    `json:"counts"` // cells by status
	Colors map[string]string `json:"colors"` // computed background by status
	Legend map[string]string `json:"legend"` // the legend's swatch colours
	Alerts []string          `json:"alerts"`
}

const readCells = `(() => {
  const seen = {rows: [], counts: {}, colors: {}, legend: {}, alerts: []};
  document.querySelectorAll('#heatmap tbody tr').forEach(tr => seen.rows.push(tr.dataset.name));
  document.querySelectorAll('#heatmap td.cell').forEach(td => {
    const s = td.dataset.status, c = getComputedStyle(td).backgroundColor;
    seen.counts[s] = (seen.counts[s] || 0) + 1;
    if (seen.colors[s] && seen.colors[s] !== c) seen.colors[s] = 'mixed: ' + seen.colors[s] + ' and ' + c;
    else seen.colors[s] = c;
  });
  document.querySelectorAll('#legend .swatch').forEach(sw => seen.legend[sw.dataset.status] = getComputedStyle(sw).backgroundColor);
  document.querySelectorAll('[data-alert]').forEach(a => seen.alerts.push(a.dataset.alert + ' ' + a.querySelector('a').textContent));
  return seen;
})()`

func look(t *testing.T, ctx context.Context) cellsSeen {
	t.Helper()
	seen, err := chromedp.Run(ctx, chromedp.Evaluate[cellsSeen](readCells))
	require.NoError(t, err)
	return seen
}

// browse opens the page in headless Chromium and hands back its context.
func browse(t *testing.T, page string, width int) context.Context {
	t.Helper()
	bin := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.WindowSize(width, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.ID("heatmap"))))
	return ctx
}

func TestGradebookInChromium(t *testing.T) {
	book := NewGradebook(small(), class(small(), 12, 1))
	dir := t.TempDir()
	page := filepath.Join(dir, "gradebook.html")
	var html bytes.Buffer
	require.NoError(t, HTML(&html, book))
	require.NoError(t, os.WriteFile(page, html.Bytes(), 0o644))

	// What the page must show, read from the gradebook's JSON as
	// `koans grade --format json` prints it.
	var js bytes.Buffer
	require.NoError(t, JSON(&js, book))
	var want struct {
		Submissions []struct {
			Name     string         `json:"name"`
			Score    int            `json:"score"`
			Phases   map[string]int `json:"phases"`
			Tampered []string       `json:"tampered"`
			Error    string         `json:"error"`
			Koans    []struct {
				ID, Status string
			} `json:"koans"`
		} `json:"submissions"`
	}
	require.NoError(t, json.Unmarshal(js.Bytes(), &want))
	counts := map[string]int{}
	var names, alerts []string
	for _, s := range want.Submissions {
		names = append(names, s.Name)
		if s.Error != "" {
			alerts = append(alerts, "broken "+s.Name)
		} else if len(s.Tampered) > 0 {
			alerts = append(alerts, "tampered "+s.Name)
		}
		for _, k := range s.Koans {
			counts[k.Status]++
		}
	}

	ctx := browse(t, page, 1100)
	seen := look(t, ctx)
	assert.Equal(t, names, seen.Rows, "one row per submission, in the gradebook's order")
	assert.Equal(t, counts, seen.Counts, "one cell per koan of each graded submission, by status")
	for _, s := range []string{"pass", "fail", "compile_error", "tampered"} {
		assert.Positive(t, seen.Counts[s], "the class shows %s cells (else this test proves little)", s)
	}
	colours := map[string]string{}
	for status, c := range seen.Colors {
		assert.NotContains(t, c, "mixed", status)
		assert.Equal(t, seen.Legend[status], c, "%s cells have the legend's colour", status)
		if other, ok := colours[c]; ok {
			t.Errorf("%s and %s share the colour %s", status, other, c)
		}
		colours[c] = status
	}
	assert.Len(t, seen.Legend, len(Statuses), "the legend names every status")
	assert.Subset(t, seen.Alerts, alerts, "tampered and ungradable submissions are called out at the top")

	// Each phase's class average, and the hardest koan, from the same JSON.
	sums, graded, passed := map[string]int{}, 0, map[string]int{}
	for _, s := range want.Submissions {
		if s.Error != "" {
			continue
		}
		graded++
		for p, n := range s.Phases {
			sums[p] += n
		}
		for _, k := range s.Koans {
			if k.Status == "pass" {
				passed[k.ID]++
			}
		}
	}
	averages, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll('[data-phase]')].map(c => [c.dataset.phase, c.querySelector('[data-average]').dataset.average]))`))
	require.NoError(t, err)
	for p, sum := range sums {
		assert.Equal(t, fmt.Sprintf("%.1f", float64(sum)/float64(graded)), averages[p], p)
	}
	fewest := graded
	for _, p := range book.Phases {
		for _, k := range p.Koans {
			fewest = min(fewest, passed[k.ID])
		}
	}
	hardest, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#hardest tr[data-koan]').dataset.koan`))
	require.NoError(t, err)
	assert.Equal(t, fewest, passed[hardest], "the hardest koan has the fewest passes")

	// Sorting, as an instructor clicks.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("sort-name"))))
	seen = look(t, ctx)
	assert.True(t, slices.IsSorted(seen.Rows), "by name: %v", seen.Rows)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("sort-score"))))
	seen = look(t, ctx)
	scores := map[string]int{}
	for _, s := range want.Submissions {
		scores[s.Name] = s.Score
	}
	for i := 1; i < len(seen.Rows); i++ {
		assert.GreaterOrEqual(t, scores[seen.Rows[i-1]], scores[seen.Rows[i]], "by score, best first: %v", seen.Rows)
	}

	// A row's name leads to that learner's failing koans, with messages.
	learner, target := "", ""
	for _, s := range want.Submissions {
		for _, k := range s.Koans {
			if learner == "" && k.Status == "fail" {
				learner = s.Name
			}
		}
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#heatmap tr[data-name="`+learner+`"] td.name a`))))
	// The section opens on the page's hashchange, a moment after the click.
	for wait := time.Now().Add(5 * time.Second); target == "" && time.Now().Before(wait); {
		target, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector(':target'); return s && s.open ? s.dataset.student + '\n' + s.innerText : ''; })()`))
		require.NoError(t, err)
		if target == "" {
			time.Sleep(20 * time.Millisecond)
		}
	}
	assert.True(t, strings.HasPrefix(target, learner+"\n"), "the link opens %s's section: %q", learner, target)
	assert.Contains(t, target, "fill in the blank", "with the failing koans' messages")

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gradebook.png"), shot, 0o644))
	t.Logf("screenshot: %s", filepath.Join(dir, "gradebook.png"))
}

// TestGradebookOfAClass draws a class of 32 over the shipped catalog.
// GRADEBOOK_SCREENSHOT=path saves its screenshot there (docs/gradebook.png).
func TestGradebookOfAClass(t *testing.T) {
	_, cat := load(t, filepath.Join("..", ".."))
	require.Len(t, cat.Phases, 10)
	book := NewGradebook(cat, class(cat, 32, 2026))
	dir := t.TempDir()
	page := filepath.Join(dir, "gradebook.html")
	var html bytes.Buffer
	require.NoError(t, HTML(&html, book))
	require.NoError(t, os.WriteFile(page, html.Bytes(), 0o644))

	// Wide enough for the whole heatmap of the path's 190 koans.
	ctx := browse(t, page, 2600)
	seen := look(t, ctx)
	koans := 0
	for _, p := range cat.Phases {
		koans += len(p.Koans)
	}
	total := 0
	for _, n := range seen.Counts {
		total += n
	}
	assert.Equal(t, 31*koans, total, "31 graded submissions × every koan")

	hardest, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#hardest tr[data-koan]').length`))
	require.NoError(t, err)
	assert.Equal(t, 10, hardest)

	// The overview, sorted by score, as an instructor opens it.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("sort-score"))))
	shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("overview")))
	require.NoError(t, err)
	out := filepath.Join(dir, "gradebook.png")
	if p := os.Getenv("GRADEBOOK_SCREENSHOT"); p != "" {
		out = p
	}
	require.NoError(t, os.WriteFile(out, shot, 0o644))
	t.Logf("screenshot: %s", out)
}

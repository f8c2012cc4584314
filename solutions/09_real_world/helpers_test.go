package realworld

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm/logger"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// requestIDKey is the context key under which a request's ID travels.
type requestIDKey struct{}

// withRequestID is ctx carrying a request ID, as a server's middleware
// would set it.
func withRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// sqlLog is a GORM logger that notes, for every statement GORM sends, the
// request ID its context carried ("" for none) — what a production logger
// prints beside the SQL, so a slow query leads back to its request — and
// how long the context had left before its deadline (0: no deadline).
type sqlLog struct {
	logger.Interface
	mu   sync.Mutex
	ids  []string
	left []time.Duration
}

func newSQLLog() *sqlLog { return &sqlLog{Interface: logger.Discard} }

func (l *sqlLog) LogMode(logger.LogLevel) logger.Interface { return l }

func (l *sqlLog) Trace(ctx context.Context, _ time.Time, _ func() (string, int64), _ error) {
	id, _ := ctx.Value(requestIDKey{}).(string)
	var left time.Duration
	if deadline, ok := ctx.Deadline(); ok {
		left = time.Until(deadline)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ids = append(l.ids, id)
	l.left = append(l.left, left)
}

// Reset forgets what was logged so far, such as the fixtures' own set-up.
func (l *sqlLog) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ids = nil
	l.left = nil
}

// IDs lists the request ID of every statement logged so far, in order.
func (l *sqlLog) IDs() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.ids)
}

// Deadlines describes, for every statement logged so far, the deadline its
// context carried: "none", "at most 5s" or "more than a minute".
func (l *sqlLog) Deadlines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]string, len(l.left))
	for i, left := range l.left {
		switch {
		case left <= 0:
			out[i] = "none"
		case left <= 5*time.Second:
			out[i] = "at most 5s"
		default:
			out[i] = "more than a minute"
		}
	}
	return out
}

// seedBooksAfter lists the seed's books published after year, ordered by
// title: what a list endpoint should page through.
func seedBooksAfter(year int) []fixtures.Book {
	var books []fixtures.Book
	for _, b := range fixtures.Seed().Books {
		if b.Year > year {
			books = append(books, b)
		}
	}
	slices.SortFunc(books, func(a, b fixtures.Book) int { return cmp.Compare(a.Title, b.Title) })
	return books
}

// seedBookCounts counts the seed's books per author, keeping only books after
// since (0: all) by authors from country ("": any), ordered by author ID.
func seedBookCounts(since int, country string) []BookCount {
	seed := fixtures.Seed()
	from := map[uint]string{}
	for _, a := range seed.Authors {
		from[a.ID] = a.Country
	}
	counts := map[uint]int{}
	for _, b := range seed.Books {
		if b.Year > since && (country == "" || from[b.AuthorID] == country) {
			counts[b.AuthorID]++
		}
	}
	var rows []BookCount
	for id, n := range counts {
		rows = append(rows, BookCount{AuthorID: id, Books: n})
	}
	slices.SortFunc(rows, func(a, b BookCount) int { return cmp.Compare(a.AuthorID, b.AuthorID) })
	return rows
}

// serviceError is how a service wraps what failed: its text is its own,
// saying nothing of the cause, and Unwrap hands the cause to errors.Is.
type serviceError struct {
	msg   string
	cause error
}

func (e serviceError) Error() string { return e.msg }
func (e serviceError) Unwrap() error { return e.cause }

// seedOldestBooks lists the seed's n oldest books, ties by id: a list
// sorted by "year".
func seedOldestBooks(n int) []fixtures.Book {
	books := slices.Clone(fixtures.Seed().Books)
	slices.SortStableFunc(books, func(a, b fixtures.Book) int { return cmp.Compare(a.Year, b.Year) })
	return books[:n]
}

// noQueryOfItsOwn checks that the rows of table were loaded along with
// their parents, by Preload or in a JOIN, and not by a query written for
// them (a hand-rolled preload, an association per row). (A general check:
// it could move to fixtures, beside Preloaded.)
func noQueryOfItsOwn(t *testing.T, queries *fixtures.Recorder, table string) bool {
	t.Helper()
	for _, s := range queries.Statements() {
		if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s.SQL)), "SELECT") || s.Origin == fixtures.Preload {
			continue
		}
		if s.Table == table || (s.Table == "" && strings.Contains(s.SQL, table)) {
			t.Errorf("the %s were loaded by a query of their own (%s): load them with the page, by Preload or a join\n    %s",
				table, s.Origin, s.SQL)
			return false
		}
	}
	return true
}

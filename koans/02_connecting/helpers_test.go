package connecting

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gorm-koans/gorm-koans/fixtures"
)

// lockedSkipping checks that at least n SELECTs were built by GORM with
// clause.Locking, each asking to lock for update and to skip locked rows:
// not SQL text, not a query without the lock.
func lockedSkipping(t *testing.T, queries *fixtures.Recorder, n int) bool {
	t.Helper()
	locked := 0
	for _, s := range queries.Statements() {
		if !strings.HasPrefix(strings.ToUpper(s.SQL), "SELECT") {
			continue
		}
		switch upper := strings.ToUpper(s.SQL); {
		case s.Origin != fixtures.Built:
			queries.Explain(t, "a SELECT was written by hand ("+string(s.Origin)+"): let GORM write the lock from clause.Locking")
			return false
		case !s.Has("FOR") || !strings.Contains(upper, "FOR UPDATE") || !strings.Contains(upper, "SKIP LOCKED"):
			queries.Explain(t, "a worker's SELECT does not lock its row for update while passing over rows another worker holds: look at clause.Locking's Strength and Options")
			return false
		}
		locked++
	}
	if locked < n {
		queries.Explain(t, fmt.Sprintf("%d SELECTs locked a row, and each of the %d workers must", locked, n))
		return false
	}
	return true
}

// builtSavepoints checks that every SAVEPOINT and ROLLBACK TO was sent by
// GORM's transaction API (SavePoint, RollbackTo, a nested Transaction), not
// written by hand with Exec, and that at least n savepoints were made.
func builtSavepoints(t *testing.T, queries *fixtures.Recorder, n int) bool {
	t.Helper()
	made := 0
	for _, s := range queries.Statements() {
		upper := strings.ToUpper(strings.TrimSpace(s.SQL))
		if !strings.HasPrefix(upper, "SAVEPOINT") && !strings.HasPrefix(upper, "ROLLBACK TO") {
			continue
		}
		if s.Origin != fixtures.Transaction {
			queries.Explain(t, "a savepoint was sent by hand ("+string(s.Origin)+"): let GORM's transaction API send it")
			return false
		}
		if strings.HasPrefix(upper, "SAVEPOINT") {
			made++
		}
	}
	if made < n {
		queries.Explain(t, fmt.Sprintf("%d savepoints were made, and this koan needs %d", made, n))
		return false
	}
	return true
}

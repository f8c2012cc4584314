package querying

import (
	"strings"
)

// whereOf is the part of a statement after its WHERE.
func whereOf(statement string) string {
	_, where, _ := strings.Cut(statement, "WHERE ")
	return where
}

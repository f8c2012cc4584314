package first

import "testing"

// TestLater: sorted after a_test.go's koans. It has a second sentence.
//
// More prompt.
//
// Hint: look
// closely.
// Docs: https://gorm.io/docs/query.html
// SQL: after first try
func TestLater(t *testing.T) {
	_ = __ // what goes here?
	_, _ = ___, __
}

func helper() {}

// Testlower is not a test: the letter after Test is lower case.
func Testlower(t *testing.T) {}

package trace

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalize(t *testing.T) {
	got := Normalize([]string{
		"INSERT INTO `books` (`created_at`,`title`) VALUES ('2026-11-27 03:12:26.123',\"Dune\")",
		"SAVEPOINT sp0xc000123456",
	})
	assert.Equal(t, []string{
		"INSERT INTO `books` (`created_at`,`title`) VALUES ('<time>',\"Dune\")",
		"SAVEPOINT sp<n>",
	}, got)
	assert.Nil(t, Normalize(nil), "no SQL reported stays unknown")
	assert.Equal(t, []string{}, Normalize([]string{}), "none sent stays none")
}

func TestEncodeIsStable(t *testing.T) {
	p := Phase{"TestB": {"SELECT 1", "SELECT 2"}, "TestA": nil}
	assert.Equal(t, "{\n  \"TestA\": [],\n  \"TestB\": [\n    \"SELECT 1\",\n    \"SELECT 2\"\n  ]\n}\n", string(p.Encode()))
}

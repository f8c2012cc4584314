package runner

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gorm-koans/gorm-koans/fixtures/koanfmt"
	"github.com/gorm-koans/gorm-koans/internal/testjson"
)

func TestPlansOfReadsThePlanAttr(t *testing.T) {
	t.Parallel()
	test := &testjson.Test{Attrs: map[string][]string{koanfmt.PlanAttr: {`{"2":["books: full scan"],"x":["ignored"]}`}}}
	assert.Equal(t, map[int][]string{2: {"books: full scan"}}, plansOf(test))
	assert.Nil(t, plansOf(&testjson.Test{}), "a koan that asked for no plans has none")
}

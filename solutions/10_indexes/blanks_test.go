package indexes

import "github.com/gorm-koans/gorm-koans/fixtures"

// Fill in each __ with a value and each ___ with text. Leave these two alone.
var __ = fixtures.Blank

const ___ = fixtures.TextBlank

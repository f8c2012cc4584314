package demo

import "github.com/gorm-koans/gorm-koans/fixtures"

var __ = fixtures.Blank

const ___ = fixtures.TextBlank

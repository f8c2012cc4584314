// Package gormkoans carries the koans as shipped inside the koans CLI, so
// that a released CLI (go run github.com/gorm-koans/gorm-koans/cmd/koans@vX.Y.Z)
// can grade a submission against originals the submission cannot edit.
package gormkoans

import "embed"

// Source holds what decides whether a koan passes: the solutions (the
// shipped koans are generated from them), the fixtures, the module files and
// the phase READMEs (titles, points) and the reference SQL in their
// testdata (shipped with the koans, so a graded tree that has it is whole).
//
//go:embed go.mod go.sum fixtures solutions koans/*/README.md koans/*/testdata
var Source embed.FS

package testjson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseNeverFailsOnStrangeLines(t *testing.T) {
	input := strings.Join([]string{
		`go: downloading gorm.io/gorm v1.31.2`,
		`{"Action":"start","Package":"p"}`,
		`{not json at all`,
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"attr","Package":"p","Test":"TestA","Key":"koans.sql","Value":"[\"SELECT 1\"]"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"    a_test.go:3: boom\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestA"}`,
		`{"Action":"something-new","Package":"p","Test":"TestA"}`,
		`{"Unrelated":"object"}`,
		``,
		`{"Action":"fail","Package":"p"}`,
	}, "\n")
	s, err := Read(strings.NewReader(input), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"go: downloading gorm.io/gorm v1.31.2", "{not json at all", `{"Unrelated":"object"}`}, s.Text)
	p := s.Packages["p"]
	require.NotNil(t, p)
	assert.Equal(t, Fail, p.Action)
	a := p.Tests["TestA"]
	assert.Equal(t, Fail, a.Action)
	assert.Equal(t, []string{"    a_test.go:3: boom"}, a.Output)
	assert.Equal(t, []string{`["SELECT 1"]`}, a.Attrs["koans.sql"])
}

func TestBuildOutputIsMatchedByFailedBuild(t *testing.T) {
	input := strings.Join([]string{
		`{"ImportPath":"q [q.test]","Action":"build-output","Output":"# q [q.test]\n"}`,
		`{"ImportPath":"p [p.test]","Action":"build-output","Output":"# p [p.test]\n"}`,
		`{"ImportPath":"p [p.test]","Action":"build-output","Output":"p/a_test.go:3:2: undefined: x\n"}`,
		`{"ImportPath":"p [p.test]","Action":"build-fail"}`,
		`{"Action":"start","Package":"p"}`,
		`{"Action":"output","Package":"p","Output":"FAIL\tp [build failed]\n"}`,
		`{"Action":"fail","Package":"p","FailedBuild":"p [p.test]"}`,
	}, "\n")
	s, err := Read(strings.NewReader(input), nil)
	require.NoError(t, err)
	p := s.Packages["p"]
	assert.True(t, p.BuildFailed())
	assert.False(t, p.SetupFailed())
	assert.Equal(t, []string{"# p [p.test]", "p/a_test.go:3:2: undefined: x"}, p.BuildOutput)
	assert.Empty(t, s.Messages(), "q's header alone says nothing")
}

func TestActionIsTerminal(t *testing.T) {
	for _, a := range []Action{Pass, Fail, Skip} {
		assert.True(t, a.IsTerminal(), a)
	}
	for _, a := range []Action{Start, Run, Output, Attr, BuildOutput} {
		assert.False(t, a.IsTerminal(), a)
	}
}

package assignment

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// Pin is the grader an assignment written from the checkout at root
// should run, as module@version: the checkout's tag when its commit has
// one, else that commit's pseudo-version (which the module proxy resolves
// once the commit is pushed), else @latest. warning, when not empty, says
// in one sentence why the pin may not be the checkout's koans.
func Pin(root string) (cli, warning string) {
	mod := "github.com/gorm-koans/gorm-koans"
	if raw, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil {
		if p := modfile.ModulePath(raw); p != "" {
			mod = p
		}
	}
	cmd := mod + "/cmd/koans"
	head, err := gitOut(root, "rev-parse", "HEAD")
	if err != nil {
		return cmd + "@latest", "this checkout is not a git repository, so the workflow runs " + cmd + "@latest, which changes with every release: pass --cli " + cmd + "@vX.Y.Z to pin the release this assignment was made from"
	}
	if dirty, _ := gitOut(root, "status", "--porcelain", "--untracked-files=no"); dirty != "" {
		warning = "this checkout has changes not committed: the workflow's grader is its last commit, without them; commit (and push) first, or grade with --original this checkout"
	}
	var tags []string
	if out, err := gitOut(root, "tag", "--points-at", "HEAD", "--list", "v*"); err == nil {
		for _, tag := range strings.Fields(out) {
			if semver.IsValid(tag) && semver.Build(tag) == "" {
				tags = append(tags, tag)
			}
		}
	}
	if len(tags) > 0 {
		slices.SortFunc(tags, semver.Compare)
		return cmd + "@" + tags[len(tags)-1], warning
	}
	stamp, err := gitOut(root, "show", "-s", "--format=%ct", "HEAD")
	if err != nil {
		return cmd + "@latest", "git cannot date this checkout's commit, so the workflow runs " + cmd + "@latest: pass --cli " + cmd + "@vX.Y.Z"
	}
	secs, _ := strconv.ParseInt(stamp, 10, 64)
	base, _ := gitOut(root, "describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "HEAD")
	if !semver.IsValid(base) {
		base = ""
	}
	version := module.PseudoVersion(semver.Major(base), base, time.Unix(secs, 0).UTC(), head[:12])
	if warning == "" {
		warning = fmt.Sprintf("this commit has no version tag: the workflow's grader is its pseudo-version %s, which resolves once the commit is pushed to %s; a tag (vX.Y.Z) names it better", version, mod)
	}
	return cmd + "@" + version, warning
}

func gitOut(dir string, args ...string) (string, error) {
	c := exec.Command("git", append([]string{"-C", dir}, args...)...)
	out, err := c.Output()
	return strings.TrimSpace(string(out)), err
}

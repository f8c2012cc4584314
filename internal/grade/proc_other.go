//go:build !unix

package grade

import "os/exec"

// killGroup: elsewhere, cancel kills the direct child only.
func killGroup(*exec.Cmd) {}

package cli

import "runtime/debug"

// releasedBuild reports whether this CLI was built from a released module
// version (go run …/cmd/koans@vX.Y.Z), whose built-in koans no submission
// can have edited.
func releasedBuild() bool {
	info, ok := debug.ReadBuildInfo()
	return ok && info.Main.Version != "" && info.Main.Version != "(devel)"
}

package cli

import "context"

func runWatch(context.Context, []string, IO) error    { return usagef("watch: not built yet") }
func runList(context.Context, []string, IO) error     { return usagef("list: not built yet") }
func runRun(context.Context, []string, IO) error      { return usagef("run: not built yet") }
func runHint(context.Context, []string, IO) error     { return usagef("hint: not built yet") }
func runVerify(context.Context, []string, IO) error   { return usagef("verify: not built yet") }
func runDevCheck(context.Context, []string, IO) error { return usagef("dev check: not built yet") }

package site

import (
	"os"
	"runtime/debug"
)

// The garbage collector's setting for a build (TuneGC). A build's live heap is small
// beside what a machine of the budget has (peak RSS about 0.2 GB at 1,000 reports,
// 0.45 GB at 10,000, 1.1 GB at 30,000, against 1.5 GB), and at Go's default (GOGC
// 100) collecting it was about a tenth of a build's CPU: a build trades memory for
// CPU by letting the heap grow to BuildGCPercent more than the live heap between
// collections, and caps the growth at BuildMemoryLimit, past which the runtime
// collects as often as it needs to stay below it (a soft limit: a live heap larger
// than it is still served, with the collector's CPU capped at about half).
const (
	BuildGCPercent   = 400
	BuildMemoryLimit = 1 << 30 // 1 GiB: the 1.5 GB budget less room for what the runtime does not count (the binary, memory outside Go)
)

// TuneGC sets the garbage collector for a build, BuildGCPercent and
// BuildMemoryLimit, unless GOGC or GOMEMLIMIT say otherwise (the user's setting is
// kept, each on its own), and returns a function that puts the previous settings
// back. It changes the whole process: it is for a command building a site (nianbao
// build) and for the benchmark measuring one, not for a library call made among
// other work.
func TuneGC() (restore func()) {
	percent, limit := -2, int64(-1) // -2: not changed
	if os.Getenv("GOGC") == "" {
		percent = debug.SetGCPercent(BuildGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(BuildMemoryLimit)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

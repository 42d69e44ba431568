package site

import (
	"os"
	"runtime/debug"
)

// The garbage collector's setting for a build (TuneGC). At Go's default (GOGC 100)
// a build's peak RSS is well within the 1.5 GB budget (BenchmarkBuild: 0.16 GB at
// 1,000 reports, 0.76 GB at 10,000; 0.54 GB without English report pages) and
// collecting takes 8% of its CPU at 1,000 reports, 11% at 10,000: a build trades
// memory for CPU by letting the heap grow to BuildGCPercent more than the live heap
// between collections (1.3–2.9% of its CPU at 1,000 reports, peak RSS 0.34 GB), and
// caps the growth at BuildMemoryLimit, past which the runtime collects as often as
// it needs to stay below it. The limit is soft: a live heap larger than it is still
// served, with the collector taking up to about half the CPU, so a site whose live
// heap nears it (by our estimate some 20,000 reports in one build) is built faster
// in shards.
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

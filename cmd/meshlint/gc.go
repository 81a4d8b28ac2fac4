package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/hugeheap"
)

// A lint run is short and allocates most of what it keeps: the documents,
// the graph, the policies' input. Go's default (collect each time the
// heap doubles) spends a sixth of a 10,000-resource run collecting. A run
// over a few megabytes of YAML lets its heap grow five times its live
// size between collections instead. A large input lets it grow by the
// budget, and by at least a third of its live size: a collection of a
// gigabyte of live objects costs a second of CPU, and collecting only
// when the heap doubles would take 100,000 resources past 1.5 GiB. GOGC,
// when set, wins. Only lint runs are tuned: the language server lives
// long and keeps Go's default.
const (
	maxGCPercent = 400
	minGCPercent = 35
	// heapGoalBudget bounds where a run's heap may grow between two
	// collections, given its expected live heap.
	heapGoalBudget = 1 << 30
	// liveBytesPerInputByte is the live heap per byte of YAML read,
	// measured on the benchmark mesh (about 17 at 10,000 resources).
	liveBytesPerInputByte = 20
	// minLintHeap is about what a one-file run allocates.
	minLintHeap = 16 << 20
)

// gcPercentFor is the GC percentage for a run over inputBytes of YAML:
// the largest, up to maxGCPercent, whose heap goal fits the budget.
func gcPercentFor(inputBytes int64) int {
	live := max(inputBytes*liveBytesPerInputByte, 1)
	percent := 100 * (heapGoalBudget - live) / live
	return int(min(max(percent, minGCPercent), maxGCPercent))
}

// tuneGC sets the GC percentage for a run over inputBytes of YAML,
// unless the environment chose one: then the previous percentage,
// GOGC's, comes back.
//
// The percentage is relative to the heap the last collection found
// live, which at this point holds little more than the sources: the
// first collection would come when the heap is a few times their size,
// with nearly all of it still live and to be marked again later. So the
// first collection is put off until the heap reaches what the run is
// expected to fill (within the budget), and the run's percentage applies
// from that collection on.
func tuneGC(inputBytes int64, previous int) {
	if os.Getenv("GOGC") != "" {
		debug.SetGCPercent(previous)
		return
	}
	percent := gcPercentFor(inputBytes)
	first := firstGCPercent(inputBytes, liveHeap(), percent)
	debug.SetGCPercent(first)
	if first != percent {
		runtime.AddCleanup(new([2]*byte), func(p int) { debug.SetGCPercent(p) }, percent)
	}
}

// firstGCPercent is the percentage that puts the next collection, after
// one that found live bytes, where the heap of a run over inputBytes is
// expected to be, within the budget: at least percent. Go's heap goal is
// never below its minimum heap (4 MB) scaled by the percentage, which
// counts instead when the last collection found less: as at start-up,
// or when no reservation collected since.
func firstGCPercent(inputBytes, live int64, percent int) int {
	live = max(live, goMinimumHeap)
	target := min(expectedHeap(inputBytes), heapGoalBudget)
	return int(max(100*(target-live)/live, int64(percent)))
}

// goMinimumHeap is Go's minimum heap goal at GOGC=100.
const goMinimumHeap = 4 << 20

// liveHeap is the heap the last collection found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

func sourceBytes(sources []source.Source) int64 {
	var n int64
	for _, s := range sources {
		n += int64(len(s.Content))
	}
	return n
}

// prepareHeap readies the heap for a run over inputBytes of YAML, read
// with the collector held off (holdGC returned previous): the pages the
// run is expected to fill, reserved as huge pages where the system asks
// programs to request them, and the collector's pace.
func prepareHeap(inputBytes int64, previous int) {
	hugeheap.Reserve(expectedHeap(inputBytes))
	tuneGC(inputBytes, previous)
}

// holdGC holds the collector off while the sources are read: it would
// collect only what the start-up left, at a heap of a few megabytes, and
// again as the sources grow it. prepareHeap sets the run's pace.
func holdGC() (previous int) {
	return debug.SetGCPercent(-1)
}

// expectedHeap is how far the heap of a run over inputBytes of YAML may
// grow: its live heap and the growth the GC percentage allows on top, at
// least what a one-file run allocates compiling its schemas and policies.
func expectedHeap(inputBytes int64) int64 {
	live := inputBytes * liveBytesPerInputByte
	return max(live+live*int64(gcPercentFor(inputBytes))/100, minLintHeap)
}

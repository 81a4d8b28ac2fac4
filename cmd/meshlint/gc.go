package main

import (
	"os"
	"runtime/debug"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/hugeheap"
)

// A lint run is short and allocates most of what it keeps: the documents,
// the graph, the policies' input. Go's default (collect each time the
// heap doubles) spends a sixth of a 10,000-resource run collecting. A run
// over a few megabytes of YAML lets its heap grow five times its live
// size between collections instead; a large input keeps the default,
// so that its peak memory stays near the live heap. GOGC, when set, wins.
// Only lint runs are tuned: the language server lives long and keeps
// Go's default.
const (
	maxGCPercent = 400
	minGCPercent = 100
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
// unless the environment chose one.
func tuneGC(inputBytes int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercentFor(inputBytes))
	}
}

func sourceBytes(sources []source.Source) int64 {
	var n int64
	for _, s := range sources {
		n += int64(len(s.Content))
	}
	return n
}

// prepareHeap readies the heap for a run over inputBytes of YAML: the
// collector's pace, and the pages the run is expected to fill, reserved
// as huge pages where the system asks programs to request them.
func prepareHeap(inputBytes int64) {
	// Held off, the collector runs once for the reservation, not also
	// while its allocation is still held.
	percent := debug.SetGCPercent(-1)
	hugeheap.Reserve(expectedHeap(inputBytes))
	debug.SetGCPercent(percent)
	tuneGC(inputBytes)
}

// expectedHeap is how far the heap of a run over inputBytes of YAML may
// grow: its live heap and the growth the GC percentage allows on top, at
// least what a one-file run allocates compiling its schemas and policies.
func expectedHeap(inputBytes int64) int64 {
	live := inputBytes * liveBytesPerInputByte
	return max(live+live*int64(gcPercentFor(inputBytes))/100, minLintHeap)
}

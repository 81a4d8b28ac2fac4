package rules

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"time"
)

// DefaultMemoryLimit is how much the heap may grow while a policy
// evaluates before it is stopped.
const DefaultMemoryLimit = 1 << 30

// errMemory is the cause of a policy stopped by its memory limit.
var errMemory = errors.New("memory limit")

// watchMemory cancels ctx with errMemory when the heap grows by more than
// limit bytes from now: a comprehension over a huge product fails with a
// message naming the policy instead of taking the machine down. It reads
// a runtime metric a few times per second, which costs nothing measurable.
// The returned function stops the watch.
func watchMemory(ctx context.Context, cancel context.CancelCauseFunc, limit uint64) func() {
	start := heapBytes()
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if heapBytes() > start+limit {
					cancel(fmt.Errorf("%w of %d MiB", errMemory, limit>>20))
					return
				}
			}
		}
	}()
	return func() { close(done) }
}

var heapMetric = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapBytes() uint64 {
	s := make([]metrics.Sample, 1)
	copy(s, heapMetric)
	metrics.Read(s)
	return s[0].Value.Uint64()
}

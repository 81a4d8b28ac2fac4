// Package parallel runs independent per-item work over all cores: the
// loader parses and converts documents with it, the graph decodes
// specs and builds edges with it, and the policies convert their input.
package parallel

import (
	"runtime"
	"sync"
)

// For runs fn(0..n-1) on GOMAXPROCS goroutines, striped so that
// neighbouring (similar-sized) items spread over the workers.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}(w)
	}
	wg.Wait()
}

// Package startgc holds the garbage collector off while the program's
// packages initialize. The inits of meshlint's dependencies (the JSON
// Schema library's meta-schemas, OPA's builtins, protobuf descriptors)
// allocate about 3 MB, so Go's first collection, due at a 4 MB heap, fell
// at the end of start-up: a collection of garbage that `meshlint version`
// and a one-file run would never have had to collect.
//
// Go initializes the packages ready to start in the order of their import
// paths. This one needs runtime/debug, whose path sorts late, so it starts
// after protobuf's and istio.io/api's packages, but its own path sorts
// before those of the two that allocate most, the JSON Schema library and
// OPA, so its variable is set before they run. (internal/hugeheap, which
// imports less, starts far earlier.)
package startgc

import (
	"runtime/debug"
	"sync"
)

// percent is the GC percentage the process started with: GOGC's, or
// Go's default.
var percent = debug.SetGCPercent(-1)

var once sync.Once

// Restore gives the collector back the percentage the process started
// with. main calls it first; a second call does nothing.
func Restore() {
	once.Do(func() { debug.SetGCPercent(percent) })
}

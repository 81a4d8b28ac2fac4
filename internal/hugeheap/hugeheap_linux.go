//go:build linux

package hugeheap

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// system is what Reserve needs to know of the machine, read once.
type system struct {
	pageSize  uintptr // the huge page size; 0 when not to advise
	maxExtent int64   // the most address space one reservation may map
}

var machine = sync.OnceValue(func() system {
	if unsafe.Sizeof(uintptr(0)) < 8 || disabledByGODEBUG(os.Getenv("GODEBUG")) {
		return system{}
	}
	if parseMode(readText("/sys/kernel/mm/transparent_hugepage/enabled")) != modeAdvised {
		return system{}
	}
	// A limit on the address space, or strict accounting of what is
	// mapped, could refuse the reservation, which Go cannot survive.
	var limit syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &limit); err != nil || limit.Cur != ^uint64(0) {
		return system{}
	}
	if strings.TrimSpace(readText("/proc/sys/vm/overcommit_memory")) == "2" {
		return system{}
	}
	size, err := strconv.ParseUint(strings.TrimSpace(readText("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")), 10, 64)
	if err != nil || size < 1<<16 || size > 1<<30 || size&(size-1) != 0 {
		return system{}
	}
	// Linux's default accounting refuses one mapping larger than the
	// machine's memory; half of it is far from that.
	return system{pageSize: uintptr(size), maxExtent: parseMemTotal(readText("/proc/meminfo")) / 2}
})

// readText is a file's text, "" when it cannot be read.
func readText(path string) string {
	text, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(text)
}

// Reserve makes sure the heap has about n free bytes backed by huge pages
// where the system only gives them on request; see the package comment.
// It costs one collection, so call it while the live heap is small.
func Reserve(n int64) {
	sys := machine()
	if sys.pageSize == 0 {
		return
	}
	need := min(n-freeHeap(), sys.maxExtent) + 2*int64(sys.pageSize)
	if need < 4*int64(sys.pageSize) {
		return
	}
	// The allocation alone would start a collection while it is still
	// held; one collection, once it is garbage, is enough.
	percent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(percent)
	advise(make([]byte, need), sys.pageSize)
	// Collecting the allocation leaves its pages free, still mapped and
	// advised.
	runtime.GC()
}

// advise marks the whole huge pages inside buf.
func advise(buf []byte, pageSize uintptr) {
	base := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	start := (base + pageSize - 1) &^ (pageSize - 1)
	end := (base + uintptr(len(buf))) &^ (pageSize - 1)
	if start < end {
		// Advice only: when the kernel refuses, the pages stay small.
		_ = syscall.Madvise(buf[start-base:end-base], syscall.MADV_HUGEPAGE)
	}
}

// freeHeap is the heap memory mapped but holding no objects.
func freeHeap() int64 {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(samples)
	var free int64
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			free += int64(s.Value.Uint64())
		}
	}
	return free
}

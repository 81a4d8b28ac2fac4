//go:build linux

package hugeheap

import (
	"runtime"
	"runtime/metrics"
	"syscall"
	"unsafe"
)

// startHeap is reserved while the program starts: what the packages
// initialised after this one allocate (about 3 MB) and what a one-file
// run allocates on top.
const startHeap = 16 << 20

func init() {
	reserveAtStart()
}

// startBallast is address space the heap counts as live while the
// program starts, never written, so never backed by memory. Without it,
// the collection that frees the start-up reservation would leave Go's
// smallest heap goal, 4 MB: the next collection would come at the end of
// start-up with almost nothing to free, and Go's scavenger, which returns
// free pages beyond the goal to the system, would hand the reserved huge
// pages back a few at a time, to be faulted in again. Reserve drops it,
// and so does Release.
var startBallast []byte

// reserveAtStart is Reserve(startHeap) with the ballast allocated while
// the reservation is held, and the collector held off while both are
// allocated. Go clears an allocation whole when any page of it was used
// before, and neither may be written before it is advised (the ballast
// never). A collection the reservation's allocation starts could, in the
// ballast's (whose goroutine helps it), finish and free the stack spans
// of its own workers, placed right after the reservation: the ballast,
// placed there next, was then cleared, 16 MB of small pages, in about one
// start in a hundred.
func reserveAtStart() {
	if machine.pageSize == 0 {
		return
	}
	percent := setGCPercent(-1)
	reservation := make([]byte, startHeap+2*int64(machine.pageSize))
	startBallast = make([]byte, startHeap)
	setGCPercent(percent)
	advise(reservation, machine.pageSize)
	advise(startBallast, machine.pageSize) // objects take its pages once it is dropped
	runtime.KeepAlive(reservation)
	runtime.GC()
}

// setGCPercent is runtime/debug.SetGCPercent, which the runtime provides
// under this name. runtime/debug itself imports packages Go initialises
// long after this one (see the package comment).
//
//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(percent int32) int32

// Release drops what start-up held (see startBallast): a program that
// does not call Reserve, or a long-lived one, calls it once started.
func Release() {
	startBallast = nil
}

// system is what Reserve needs to know of the machine.
type system struct {
	pageSize  uintptr // the huge page size; 0 when not to advise
	maxExtent int64   // the most address space one reservation may map
}

// machine is read once, as the package is initialised.
var machine = readSystem()

func readSystem() system {
	godebug, _ := syscall.Getenv("GODEBUG")
	if unsafe.Sizeof(uintptr(0)) < 8 || disabledByGODEBUG(godebug) {
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
	if trimSpace(readText("/proc/sys/vm/overcommit_memory")) == "2" {
		return system{}
	}
	size := parseUint(readText("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"))
	if size < 1<<16 || size > 1<<30 || size&(size-1) != 0 {
		return system{}
	}
	// Linux's default accounting refuses one mapping larger than the
	// machine's memory; half of it is far from that.
	return system{pageSize: uintptr(size), maxExtent: parseMemTotal(readText("/proc/meminfo")) / 2}
}

// readText is the start of a small system file, "" when it cannot be
// read. The files read here are a line or two, /proc/meminfo's MemTotal
// its first line.
func readText(path string) string {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	var buf [512]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return ""
	}
	return string(buf[:n])
}

// Reserve makes sure the heap has about n free bytes backed by huge pages
// where the system only gives them on request; see the package comment.
// It costs a collection, so call it while the live heap is small, with
// the collector held off (debug.SetGCPercent(-1)) where it can be: the
// allocation would otherwise start a second one while it is still held.
func Reserve(n int64) {
	Release()
	sys := machine
	if sys.pageSize == 0 {
		return
	}
	need := min(n-freeHeap(), sys.maxExtent) + 2*int64(sys.pageSize)
	if need < 4*int64(sys.pageSize) {
		return
	}
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

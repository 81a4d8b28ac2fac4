//go:build linux

package hugeheap

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// setGCPercent, linked by name, is the runtime's: what it sets,
// runtime/debug reads back, and the other way round.
func TestSetGCPercentIsTheRuntimes(t *testing.T) {
	before := debug.SetGCPercent(-1)
	if got := setGCPercent(37); got != -1 {
		t.Errorf("setGCPercent returned %d after debug.SetGCPercent(-1), want -1", got)
	}
	if got := debug.SetGCPercent(before); got != 37 {
		t.Errorf("debug.SetGCPercent returned %d after setGCPercent(37), want 37", got)
	}
}

// After Reserve, objects allocated next land in pages the kernel backs
// with huge pages. Only a machine in "madvise" mode can show it.
func TestReserveBacksNewObjectsWithHugePages(t *testing.T) {
	if machine.pageSize == 0 {
		t.Skip("transparent huge pages are not given on request here (mode not madvise, or turned off): nothing to reserve")
	}
	Reserve(64 << 20)
	objects := make([][]byte, 0, 4096)
	for range cap(objects) {
		b := make([]byte, 8<<10)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		objects = append(objects, b)
	}
	huge := hugeBytesAround(t, objects)
	if huge < 16<<20 {
		t.Errorf("32 MiB of new objects sit in mappings with %d bytes of huge pages, want at least 16 MiB", huge)
	}
}

// hugeBytesAround sums AnonHugePages over the mappings holding objects.
func hugeBytesAround(t *testing.T, objects [][]byte) int64 {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var total int64
	holds := false
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) > 0 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			holds = mappingHolds(fields[0], objects)
			continue
		}
		if holds && len(fields) == 3 && fields[0] == "AnonHugePages:" {
			kb, _ := strconv.ParseInt(fields[1], 10, 64)
			total += kb << 10
		}
	}
	return total
}

func mappingHolds(span string, objects [][]byte) bool {
	lo, hi, _ := strings.Cut(span, "-")
	start, err1 := strconv.ParseUint(lo, 16, 64)
	end, err2 := strconv.ParseUint(hi, 16, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	for _, b := range objects {
		if p := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(b)))); p >= start && p < end {
			return true
		}
	}
	return false
}

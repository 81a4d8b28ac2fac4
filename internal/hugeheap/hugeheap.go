// Package hugeheap asks Linux to back the Go heap with transparent huge
// pages where the system leaves that to each program.
//
// A lint run allocates nearly all of its memory fresh: the documents, the
// graph, the policies' input. Each 4 KiB page of it costs a page fault the
// first time it is written, and on a virtual machine a fault costs several
// microseconds: a third of a 10,000-resource run was spent faulting its
// heap in. A 2 MiB page costs one fault for what took 512.
//
// Linux gives huge pages to every program when transparent huge pages are
// "always", and only to memory advised with madvise(MADV_HUGEPAGE) when
// they are "madvise", the default of Ubuntu and Fedora among others. Go
// does not advise its heap, and maps it 4 MiB at a time as it grows, so a
// mapping advised once would not cover what comes later. Reserve therefore
// grows the heap ahead of need with one large allocation, advises its
// pages, and collects it again: the pages stay mapped, advised and free,
// and Go places the next objects in them, lowest addresses first.
//
// Nothing is done when huge pages are "always" (already there) or "never",
// when GODEBUG has disablethp=1 (Go's own switch against them), or when the
// process's address space is limited or the system accounts strictly for
// what is mapped, where a large reservation could be refused. A
// reservation never exceeds half the machine's memory, and its pages cost
// memory only once objects are placed in them.
package hugeheap

import (
	"strconv"
	"strings"
)

// thpMode is how the system hands out transparent huge pages.
type thpMode int

const (
	modeUnknown thpMode = iota // not said
	modeNever
	modeAdvised // only to memory advised with MADV_HUGEPAGE
	modeAlways
)

// parseMode reads /sys/kernel/mm/transparent_hugepage/enabled, which
// lists the modes with the current one in brackets: "always [madvise] never".
func parseMode(text string) thpMode {
	for _, m := range []struct {
		word string
		mode thpMode
	}{{"[always]", modeAlways}, {"[madvise]", modeAdvised}, {"[never]", modeNever}} {
		if strings.Contains(text, m.word) {
			return m.mode
		}
	}
	return modeUnknown
}

// parseMemTotal reads the MemTotal line of /proc/meminfo, in bytes.
func parseMemTotal(meminfo string) int64 {
	for _, line := range strings.Split(meminfo, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 3 && fields[0] == "MemTotal:" && fields[2] == "kB" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil && kb > 0 {
				return kb << 10
			}
		}
	}
	return 0
}

// disabledByGODEBUG says whether GODEBUG turns Go's use of huge pages off.
func disabledByGODEBUG(godebug string) bool {
	disabled := false
	// The last setting of a name wins, as in Go's own parsing.
	for _, setting := range strings.Split(godebug, ",") {
		if name, value, ok := strings.Cut(strings.TrimSpace(setting), "="); ok && name == "disablethp" {
			disabled = value == "1"
		}
	}
	return disabled
}

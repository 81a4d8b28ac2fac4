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
// The package reserves a first few megabytes while the program starts:
// the packages initialised after it (OPA's builtins, protobuf descriptors,
// the JSON Schema library's meta-schemas) and a one-file run then fill
// huge pages instead of faulting in some 1,500 small ones. For that its
// initialisation must come early, and Go initialises the packages ready
// to start in the order of their import paths: so it imports only the
// runtime's own packages and syscall, which are ready first, and parses
// the system's files by hand rather than with strings and strconv.
//
// Nothing is done when huge pages are "always" (already there) or "never",
// when GODEBUG has disablethp=1 (Go's own switch against them), or when the
// process's address space is limited or the system accounts strictly for
// what is mapped, where a large reservation could be refused. A
// reservation never exceeds half the machine's memory, and its pages cost
// memory only once objects are placed in them.
package hugeheap

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
		if contains(text, m.word) {
			return m.mode
		}
	}
	return modeUnknown
}

// parseMemTotal reads the MemTotal line of /proc/meminfo, in bytes.
func parseMemTotal(meminfo string) int64 {
	for _, line := range split(meminfo, '\n') {
		fields := split(line, ' ')
		if len(fields) == 3 && fields[0] == "MemTotal:" && fields[2] == "kB" {
			if kb := parseUint(fields[1]); kb > 0 && kb < 1<<50 {
				return int64(kb) << 10
			}
		}
	}
	return 0
}

// disabledByGODEBUG says whether GODEBUG turns Go's use of huge pages off.
func disabledByGODEBUG(godebug string) bool {
	disabled := false
	// The last setting of a name wins, as in Go's own parsing.
	for _, setting := range split(godebug, ',') {
		if len(setting) > len("disablethp=") && setting[:len("disablethp=")] == "disablethp=" {
			disabled = setting[len("disablethp="):] == "1"
		}
	}
	return disabled
}

// contains reports whether sub is within s.
func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// split cuts s at each sep, dropping empty pieces and spaces around them.
func split(s string, sep byte) []string {
	var out []string
	for s != "" {
		piece := s
		if i := indexByte(s, sep); i >= 0 {
			piece, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if piece = trimSpace(piece); piece != "" {
			out = append(out, piece)
		}
	}
	return out
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func trimSpace(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	for s != "" && isSpace(s[0]) {
		s = s[1:]
	}
	for s != "" && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// parseUint is the decimal number s (spaces around it allowed), 0 when s
// is anything else or too large.
func parseUint(s string) uint64 {
	s = trimSpace(s)
	if s == "" || len(s) > 19 {
		return 0
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
		n = n*10 + uint64(s[i]-'0')
	}
	return n
}

package hugeheap

import "testing"

func TestParseMode(t *testing.T) {
	for text, want := range map[string]thpMode{
		"always [madvise] never\n": modeAdvised,
		"[always] madvise never\n": modeAlways,
		"always madvise [never]\n": modeNever,
		"":                         modeUnknown,
		"always madvise never":     modeUnknown,
	} {
		if got := parseMode(text); got != want {
			t.Errorf("parseMode(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestDisabledByGODEBUG(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                             false,
		"disablethp=1":                 true,
		"gctrace=1,disablethp=1":       true,
		"disablethp=0":                 false,
		"disablethp=1,disablethp=0":    false,
		"xdisablethp=1":                false,
		"madvdontneed=1, disablethp=1": true,
	} {
		if got := disabledByGODEBUG(godebug); got != want {
			t.Errorf("disabledByGODEBUG(%q) = %v, want %v", godebug, got, want)
		}
	}
}

func TestParseMemTotal(t *testing.T) {
	meminfo := "MemTotal:       24683736 kB\nMemFree:        19467180 kB\n"
	if got, want := parseMemTotal(meminfo), int64(24683736)<<10; got != want {
		t.Errorf("parseMemTotal = %d, want %d", got, want)
	}
	if got := parseMemTotal("MemFree: 1 kB\n"); got != 0 {
		t.Errorf("parseMemTotal without MemTotal = %d, want 0", got)
	}
}

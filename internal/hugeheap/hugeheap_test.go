package hugeheap

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

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

// The start-up reservation helps only if this package is initialised
// before the dependencies that allocate: Go initialises a package once all
// its imports are, in import-path order, so an import initialised late
// (strings, os, fmt…) would hold it back behind them.
func TestImportsOnlyEarlyPackages(t *testing.T) {
	early := map[string]bool{"runtime": true, "runtime/metrics": true, "syscall": true, "unsafe": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); !early[path] {
				t.Errorf("%s imports %s, which Go initialises after the packages whose start-up allocations this package is meant to place", name, path)
			}
		}
	}
}

func TestSplitAndParseUint(t *testing.T) {
	if got := split(" a,, b ,c\n", ','); strings.Join(got, "|") != "a|b|c" {
		t.Errorf("split = %q", got)
	}
	for s, want := range map[string]uint64{"2097152\n": 2097152, " 0 ": 0, "": 0, "12a": 0, "-1": 0, "99999999999999999999": 0} {
		if got := parseUint(s); got != want {
			t.Errorf("parseUint(%q) = %d, want %d", s, got, want)
		}
	}
}

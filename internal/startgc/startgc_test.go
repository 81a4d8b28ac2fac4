package startgc

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestRestore(t *testing.T) {
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GC percent during start-up = %d, want -1 (off)", got)
	}
	if os.Getenv("GOGC") == "" && percent != 100 {
		t.Errorf("start-up GC percent = %d, want Go's default 100", percent)
	}
	Restore()
	if got := debug.SetGCPercent(percent); got != percent {
		t.Errorf("GC percent after Restore = %d, want %d", got, percent)
	}
	Restore() // a second call must not switch it off again
	if got := debug.SetGCPercent(percent); got != percent {
		t.Errorf("GC percent after a second Restore = %d, want %d", got, percent)
	}
}

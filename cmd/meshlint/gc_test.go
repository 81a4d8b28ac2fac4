package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCPercentShrinksAsTheInputGrows(t *testing.T) {
	tests := []struct {
		inputBytes int64
		want       int
	}{
		{0, maxGCPercent},
		{4 << 10, maxGCPercent},  // a pre-commit file
		{8 << 20, maxGCPercent},  // 10,000 resources
		{16 << 20, 220},          // live 320 MiB: goal at the budget
		{40 << 20, minGCPercent}, // live 800 MiB: the budget allows 28 %
		{80 << 20, minGCPercent}, // 100,000 resources
		{1 << 40, minGCPercent},  // never below the floor
	}
	for _, tt := range tests {
		if got := gcPercentFor(tt.inputBytes); got != tt.want {
			t.Errorf("gcPercentFor(%d) = %d, want %d", tt.inputBytes, got, tt.want)
		}
	}
}

func TestExpectedHeapCoversLiveHeapAndGrowth(t *testing.T) {
	tests := []struct {
		inputBytes int64
		want       int64
	}{
		{2 << 10, minLintHeap},                    // a pre-commit file: its compiled schemas and policies
		{6 << 20, 6 << 20 * 20 * 5},               // 10,000 resources: live heap and 400 % growth
		{60 << 20, 60 << 20 * 20 * 135 / 100},     // 100,000 resources: live heap and 35 % growth
		{16 << 20, 16<<20*20 + 16<<20*20*220/100}, // growth up to the budget
	}
	for _, tt := range tests {
		if got := expectedHeap(tt.inputBytes); got != tt.want {
			t.Errorf("expectedHeap(%d) = %d, want %d", tt.inputBytes, got, tt.want)
		}
	}
}

func TestFirstCollectionWaitsForTheExpectedHeap(t *testing.T) {
	tests := []struct {
		inputBytes, live int64
		want             int
	}{
		{4 << 10, 256 << 10, maxGCPercent},                                    // a pre-commit file: Go's minimum heap at the run's own percentage is there already
		{8 << 20, 8 << 20, 100 * (8<<20*20*5 - 8<<20) / (8 << 20)},            // 10,000 resources: no collection while it runs
		{80 << 20, 64 << 20, 100 * (heapGoalBudget - 64<<20) / (64 << 20)},    // 100,000 resources: the first at the budget
		{80 << 20, 0, 100 * (heapGoalBudget - goMinimumHeap) / goMinimumHeap}, // nothing collected yet: still the budget, not beyond
		{1 << 20, 200 << 20, maxGCPercent},                                    // live beyond the target: the run's own percentage
	}
	for _, tt := range tests {
		if got := firstGCPercent(tt.inputBytes, tt.live, gcPercentFor(tt.inputBytes)); got != tt.want {
			t.Errorf("firstGCPercent(%d, %d) = %d, want %d", tt.inputBytes, tt.live, got, tt.want)
		}
	}
}

// After the first collection of a tuned run, the run's own percentage
// applies again.
func TestTuneGCRestoresThePercentageAfterTheFirstCollection(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: tuneGC leaves the collector alone")
	}
	saved := debug.SetGCPercent(100)
	defer debug.SetGCPercent(saved)
	tuneGC(8<<20, 100)
	if got := currentGCPercent(); got <= maxGCPercent {
		t.Fatalf("percentage before the first collection = %d, want it put off beyond %d", got, maxGCPercent)
	}
	runtime.GC()
	want := gcPercentFor(8 << 20)
	for range 100 {
		if currentGCPercent() == want {
			return
		}
		time.Sleep(10 * time.Millisecond) // the reset runs on the cleanup goroutine
	}
	t.Errorf("percentage after the first collection never returned to %d", want)
}

func currentGCPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// With GOGC set, a run keeps the user's percentage: tuneGC gives back
// the one holdGC took.
func TestTuneGCKeepsGOGC(t *testing.T) {
	t.Setenv("GOGC", "150")
	saved := debug.SetGCPercent(150)
	defer debug.SetGCPercent(saved)
	previous := holdGC()
	tuneGC(8<<20, previous)
	if got := currentGCPercent(); got != 150 {
		t.Errorf("percentage with GOGC=150 = %d, want 150", got)
	}
}

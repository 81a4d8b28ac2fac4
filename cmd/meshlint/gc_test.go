package main

import "testing"

func TestGCPercentShrinksAsTheInputGrows(t *testing.T) {
	tests := []struct {
		inputBytes int64
		want       int
	}{
		{0, maxGCPercent},
		{4 << 10, maxGCPercent},  // a pre-commit file
		{8 << 20, maxGCPercent},  // 10,000 resources
		{16 << 20, 220},          // live 320 MiB: goal at the budget
		{80 << 20, minGCPercent}, // 100,000 resources
		{1 << 40, minGCPercent},  // never below Go's default
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
		{60 << 20, 60 << 20 * 20 * 2},             // 100,000 resources: live heap and 100 % growth
		{16 << 20, 16<<20*20 + 16<<20*20*220/100}, // growth up to the budget
	}
	for _, tt := range tests {
		if got := expectedHeap(tt.inputBytes); got != tt.want {
			t.Errorf("expectedHeap(%d) = %d, want %d", tt.inputBytes, got, tt.want)
		}
	}
}

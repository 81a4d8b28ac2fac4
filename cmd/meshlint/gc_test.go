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

package graph

import (
	"math"
	"testing"
)

func TestIntValueOutOfRange(t *testing.T) {
	tests := []struct {
		in   any
		want int
	}{
		{int64(80), 80},
		{float64(443), 443},
		{1e20, 0},
		{math.Inf(1), 0},
		{math.NaN(), 0},
		{8.5, 0},
		{"9080", 9080},
		{"99999999999999999999999", 0},
	}
	for _, tt := range tests {
		if got := intValue(tt.in); got != tt.want {
			t.Errorf("intValue(%v) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

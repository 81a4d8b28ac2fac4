package graph

import "testing"

// Durations in minutes or hours are valid Istio config; protobuf JSON only
// takes seconds, so they are rewritten before decoding.
func TestDurationForms(t *testing.T) {
	tests := []struct {
		in, want string
		valid    bool
	}{
		{"15m", "900s", true},
		{"1h30m", "5400s", true},
		{"1.5ms", "0.0015s", true},
		{"10s", "10s", true},
		{"0.5s", "0.5s", true},
		{"10x", "10x", false},
	}
	for _, tt := range tests {
		if got := durationSeconds(tt.in); got != tt.want {
			t.Errorf("durationSeconds(%q) = %v, want %q", tt.in, got, tt.want)
		}
		g := loadYAML(t, lines(
			"apiVersion: networking.istio.io/v1",
			"kind: DestinationRule",
			"metadata: {name: r, namespace: d}",
			"spec:",
			"  host: r",
			"  trafficPolicy: {outlierDetection: {baseEjectionTime: \""+tt.in+"\"}}",
		))
		if decoded := len(problemsOf(g, ProblemSpecDecode)) == 0; decoded != tt.valid {
			t.Errorf("%q: decoded=%v, want %v (%v)", tt.in, decoded, tt.valid, g.Problems)
		}
	}
}

package istiospec

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
		spec := map[string]any{"host": "r", "trafficPolicy": map[string]any{"outlierDetection": map[string]any{"baseEjectionTime": tt.in}}}
		_, err := Decode("networking.istio.io", "DestinationRule", spec)
		if decoded := err == nil; decoded != tt.valid {
			t.Errorf("%q: decoded=%v, want %v (%v)", tt.in, decoded, tt.valid, err)
		}
	}
}

package istiospec

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"
)

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

// protoDuration is the form durationParts reads, as a regular expression.
var protoDuration = regexp.MustCompile(`^(-?)(0|[1-9]\d*)(?:\.(\d{1,9}))?s$`)

// durationPartsByRegexp is durationParts as it was written first.
func durationPartsByRegexp(s string) (int64, int32, bool) {
	parts := protoDuration.FindStringSubmatch(s)
	if parts == nil {
		return 0, 0, false
	}
	secs, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || secs > maxDurationSeconds {
		return 0, 0, false
	}
	var nanos int64
	if frac := parts[3]; frac != "" {
		nanos, _ = strconv.ParseInt(frac, 10, 64)
		for i := len(frac); i < 9; i++ {
			nanos *= 10
		}
	}
	if parts[1] == "-" {
		secs, nanos = -secs, -nanos
	}
	return secs, int32(nanos), true
}

// TestDurationPartsAsRegexp: the hand-written reader takes exactly what
// the regular expression takes, with the same value, on listed forms
// and on random strings of the characters that matter.
func TestDurationPartsAsRegexp(t *testing.T) {
	forms := []string{"", "s", "-s", "0s", "-0s", "00s", "01s", "10s", "1.5s", "1.s", ".5s", "+1s", "1.0000000001s",
		"1.123456789s", "315576000000s", "315576000001s", "9223372036854775807s", "99999999999999999999s",
		"1e3s", " 1s", "1s ", "1m", "1.5", "--1s", "-1.-5s", "1..5s", "١s", "1ss"}
	rng := rand.New(rand.NewPCG(7, 8))
	const chars = "0123456789.-+s e"
	for range 20000 {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = chars[rng.IntN(len(chars))]
		}
		forms = append(forms, string(b))
	}
	for _, s := range forms {
		ws, wn, wok := durationPartsByRegexp(s)
		gs, gn, gok := durationParts(s)
		if gs != ws || gn != wn || gok != wok {
			t.Errorf("%q: got %d, %d, %v; want %d, %d, %v", s, gs, gn, gok, ws, wn, wok)
		}
	}
}

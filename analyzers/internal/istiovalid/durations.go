package istiovalid

import "time"

// ValidDuration reports whether Istio's ValidateDuration accepts d: at
// least 1ms, in whole milliseconds.
func ValidDuration(d time.Duration) bool {
	return d >= time.Millisecond && d%time.Millisecond == 0
}

// Package metadata holds the ML8xxx rules: port names, labels and
// annotations that Istio reads.
package metadata

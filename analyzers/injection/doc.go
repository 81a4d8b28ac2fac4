// Package injection holds the ML3xxx rules: mesh membership, sidecar
// injection and what keeps a workload from being captured.
package injection

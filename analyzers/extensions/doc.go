// Package extensions holds the ML6xxx rules: EnvoyFilter patches, Wasm
// plugins and telemetry.
package extensions

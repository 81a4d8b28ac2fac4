// Package input holds the ML00xx rules: what the loader could not read as
// Kubernetes objects (YAML syntax, duplicate keys and resources, invalid
// objects and specs, input limits, Helm charts met in a walk).
package input

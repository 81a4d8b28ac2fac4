package graph

import "github.com/meshlint/meshlint/graph/fieldpath"

// Field paths belong to fieldpath. Rules build the paths they hand to
// Resource.Location with these three, which the resource API re-exports so
// that a rule needs one import.

// IndexPath appends a list index: IndexPath("spec.http", 2) gives `spec.http[2]`.
func IndexPath(base string, i int) string { return fieldpath.Index(base, i) }

// JoinPath appends keys to a path, quoting those that need it:
// JoinPath("metadata", "annotations", "a.b/c") gives `metadata.annotations["a.b/c"]`.
func JoinPath(base string, keys ...string) string { return fieldpath.Join(base, keys...) }

// ParsePath parses a field path into its segments.
func ParsePath(path string) ([]fieldpath.Segment, error) { return fieldpath.Parse(path) }

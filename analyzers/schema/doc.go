// Package schema holds the ML01xx rules: resources checked against the
// schemas of their kinds (unknown fields, invalid and missing values, CEL
// rules), object metadata, and deprecated or removed API versions.
package schema

package schemas

import (
	"bytes"
	"encoding/json"
)

// EncodeEntry returns the on-disk form of an embedded entry, the bytes the
// generator writes to EmbeddedPath(e.GVK). It lives here, next to entryFile,
// so the writer (schemas/internal/schemagen) and the reader (Registry.Lookup)
// cannot drift apart.
//
// The output is deterministic: struct fields in declaration order, map keys
// sorted by encoding/json, two-space indent (all of data/ is about 3 MB so,
// and diffs of a version bump stay reviewable), one trailing newline.
func EncodeEntry(e *Entry) ([]byte, error) {
	f := entryFile{
		Group:              e.GVK.Group,
		Version:            e.GVK.Version,
		Kind:               e.GVK.Kind,
		Served:             e.Served,
		Deprecated:         e.Deprecated,
		DeprecationWarning: e.DeprecationWarning,
		Channel:            e.Channel,
		Origin:             e.Origin,
		Schema:             e.Schema,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// CEL rules and patterns are full of <, > and &: keep them readable in
	// the committed files instead of \u003c escapes.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&f); err != nil { // Encode appends the newline
		return nil, err
	}
	return buf.Bytes(), nil
}

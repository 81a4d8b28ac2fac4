package meshgraph

import (
	_ "embed"
	"encoding/json"
	"io"
)

// Schema is the JSON Schema of WriteJSON's output.
//
//go:embed graph.schema.json
var Schema []byte

// WriteJSON renders m as indented JSON (see Schema).
func WriteJSON(w io.Writer, m *Graph) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// Formats are the output formats of the graph command.
func Formats() []string { return []string{"dot", "mermaid", "json"} }

// Write renders m in format; ok is false for an unknown format.
func Write(w io.Writer, format string, m *Graph) (ok bool, err error) {
	switch format {
	case "dot":
		return true, WriteDOT(w, m)
	case "mermaid":
		return true, WriteMermaid(w, m)
	case "json":
		return true, WriteJSON(w, m)
	}
	return false, nil
}

package rules

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// TestInputMatchesSchema converts the example mesh and checks it against
// the schema shipped for policy authors: a field added to the input and
// not to the schema (or the reverse) fails here.
func TestInputMatchesSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	if err := c.AddResource("input.schema.json", bytes.NewReader(InputSchema)); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("input.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	nested, _ := filepath.Glob(filepath.Join("..", "examples", "*", "*.yaml"))
	files = append(files, nested...)
	var sources []source.Source
	for _, f := range files {
		b, err := source.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source.Source{Path: f, Content: b})
	}
	if len(sources) == 0 {
		t.Fatal("no example manifests found")
	}
	in := NewInput(graph.Load(sources, graph.DefaultOptions()))
	v, err := in.Select("", false)
	if err != nil {
		t.Fatal(err)
	}
	// Through JSON, as the validator reads decoded JSON values.
	b, _ := json.Marshal(v)
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the input does not match rules/schema/input.schema.json: %v", err)
	}
	if n := len(doc.(map[string]any)["resources"].([]any)); n < 5 {
		t.Fatalf("only %d resources converted", n)
	}
}

package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

func writePolicies(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const annotated = `# METADATA
# title: a house rule
# description: Explains it.
# related_resources:
# - ref: https://example.com/doc
# custom:
#   id: ML9123
#   name: house-rule
#   severity: info
#   inputs: [networking.istio.io/VirtualService, Service]
#   options:
#     limit: {default: 3, doc: how many}
#     labels: {default: [a, b], doc: which}
package house

import rego.v1

warn contains "x" if { input.resources }
`

func TestPolicyMetadata(t *testing.T) {
	set, err := Load(Options{Dirs: []string{writePolicies(t, map[string]string{"house.rego": annotated})}, NoBuiltin: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Policies) != 1 {
		t.Fatalf("%d policies, want 1", len(set.Policies))
	}
	p := set.Policies[0]
	r := p.Rule
	wantInputs := []graph.GroupKind{{Group: "networking.istio.io", Kind: "VirtualService"}, {Kind: "Service"}}
	switch {
	case r.ID != "ML9123" || r.Name != "house-rule" || r.Severity != analyzers.SeverityInfo:
		t.Errorf("rule %s %s %s, want ML9123 house-rule info", r.ID, r.Name, r.Severity)
	case r.Summary != "a house rule" || !strings.Contains(r.DocText(), "Explains it.") || !strings.Contains(r.DocText(), "(https://example.com/doc)"):
		t.Errorf("summary %q, doc %q", r.Summary, r.DocText())
	case len(r.Inputs) != 2 || r.Inputs[0] != wantInputs[0] || r.Inputs[1] != wantInputs[1]:
		t.Errorf("inputs %v, want %v", r.Inputs, wantInputs)
	case len(r.Options) != 2 || r.Options[0].OptionName() != "labels" || r.Options[1].DefaultText() != "3":
		t.Errorf("options %v", r.Options)
	case !p.Mesh || p.ReadsIndex || r.Language() != "rego" || !strings.Contains(r.Policy, "data.house.warn"):
		t.Errorf("mesh %v, index %v, language %s, policy %q", p.Mesh, p.ReadsIndex, r.Language(), r.Policy)
	}
}

func TestPolicyLoadErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"bad id", map[string]string{"a.rego": "# METADATA\n# custom:\n#   id: X1\npackage a\n\nimport rego.v1\n\ndeny contains 1 if { true }\n"},
			`a.rego:1:1: custom.id "X1" is not a rule ID`},
		{"bad severity", map[string]string{"a.rego": "# METADATA\n# custom:\n#   severity: loud\npackage a\n\nimport rego.v1\n\ndeny contains 1 if { true }\n"},
			"custom.severity: unknown severity"},
		{"bad option", map[string]string{"a.rego": "# METADATA\n# custom:\n#   options: {x: {default: {a: 1}}}\npackage a\n\nimport rego.v1\n\ndeny contains 1 if { true }\n"},
			"custom.options: option x"},
		{"same id", map[string]string{
			"a.rego": "# METADATA\n# custom:\n#   id: ML9001\npackage a\n\nimport rego.v1\n\ndeny contains 1 if { true }\n",
			"b.rego": "# METADATA\n# custom:\n#   id: ML9001\npackage b\n\nimport rego.v1\n\ndeny contains 1 if { true }\n"},
			"data.a.deny and data.b.deny both have rule ID ML9001"},
		{"type error", map[string]string{"a.rego": "package a\n\nimport rego.v1\n\ndeny contains x if { x := 1 + \"a\" }\n"},
			"a.rego:5:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(Options{Dirs: []string{writePolicies(t, tt.files)}, NoBuiltin: true})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// A policy without custom.id keeps its ID whatever other policies exist,
// and conftest's package main in pre-1.0 syntax is read.
func TestDerivedIDsAndOldSyntax(t *testing.T) {
	old := "package main\n\ndeny[msg] {\n\tinput.kind == \"Service\"\n\tmsg := \"x\"\n}\n"
	other := "package zz\n\nimport rego.v1\n\nwarn contains 1 if { true }\n"
	alone, err := Load(Options{Dirs: []string{writePolicies(t, map[string]string{"main.rego": old})}, NoBuiltin: true})
	if err != nil {
		t.Fatal(err)
	}
	both, err := Load(Options{Dirs: []string{writePolicies(t, map[string]string{"main.rego": old, "zz.rego": other})}, NoBuiltin: true})
	if err != nil {
		t.Fatal(err)
	}
	id := alone.Policies[0].Rule.ID
	if !strings.HasPrefix(id, "ML9") || both.Policies[0].Rule.ID != id || alone.Policies[0].Mesh {
		t.Errorf("derived IDs %s and %s, mesh %v", id, both.Policies[0].Rule.ID, alone.Policies[0].Mesh)
	}
	if alone.Policies[0].Rule.Name != "main-deny" || alone.Policies[0].Rule.Severity != analyzers.SeverityError {
		t.Errorf("name %s severity %s", alone.Policies[0].Rule.Name, alone.Policies[0].Rule.Severity)
	}
	only, err := Load(Options{Dirs: []string{writePolicies(t, map[string]string{"main.rego": old, "zz.rego": other})}, Namespaces: []string{"zz"}, NoBuiltin: true})
	if err != nil || len(only.Policies) != 1 || only.Policies[0].Package != "zz" {
		t.Errorf("--policy-namespace zz kept %v (%v)", only.Policies, err)
	}
}

// A policy that builds a huge collection is stopped by the memory limit,
// with a message naming it, well before its deadline.
func TestPolicyMemoryLimit(t *testing.T) {
	greedy := "package greedy\n\nimport rego.v1\n\ndeny contains count(xs) if {\n\tinput.resources\n\txs := [sprintf(\"%d\", [i]) | some i in numbers.range(1, 100000000)]\n}\n"
	set, err := Load(Options{Dirs: []string{writePolicies(t, map[string]string{"greedy.rego": greedy})}, NoBuiltin: true,
		MemoryLimit: 64 << 20, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Load([]source.Source{{Path: "a.yaml", Content: []byte("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n")}}, graph.DefaultOptions())
	start := time.Now()
	_, err = analyzers.RunWith(context.Background(), g, set.Rules(), analyzers.Options{})
	if err == nil || !strings.Contains(err.Error(), "policy data.greedy.deny") || !strings.Contains(err.Error(), "memory limit of 64 MiB") {
		t.Fatalf("error %v, want the memory limit naming the policy", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("stopped after %v", d)
	}
}

func TestDeadlineGrowsWithTheInputUnlessSet(t *testing.T) {
	in := &Input{all: make([]*graph.Resource, 20000)}
	if got, want := (&Set{}).deadline(in), DefaultTimeout+2*time.Second; got != want {
		t.Errorf("default deadline over 20,000 resources = %v, want %v", got, want)
	}
	if got := (&Set{timeout: time.Second}).deadline(in); got != time.Second {
		t.Errorf("--policy-timeout 1s over 20,000 resources = %v, want 1s", got)
	}
}

// parsedRef builds the refs the policies' walks and resolvers use as
// OPA's parser reads them.
func TestParsedRefEqualsOPAsParse(t *testing.T) {
	for _, s := range append([]string{optionsRef}, indexRefs...) {
		if got, want := parsedRef(s), ast.MustParseRef(s); !got.Equal(want) || got.String() != want.String() {
			t.Errorf("parsedRef(%q) = %v, want %v", s, got, want)
		}
	}
}

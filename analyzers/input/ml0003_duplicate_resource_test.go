package input

import (
	"context"
	"regexp"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// TestDuplicateResourceAcrossFiles checks what the fixtures cannot, as
// they are linted one file at a time: one finding per object over several
// files, its severity and its related locations.
func TestDuplicateResourceAcrossFiles(t *testing.T) {
	sa := func(name, comment string) string {
		return comment + "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: " + name + "\n  namespace: shop\n"
	}
	cm := func(value string) string {
		return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {mode: " + value + "}\n"
	}
	tests := []struct {
		name     string
		files    []string // contents of a.yaml, b.yaml, …
		severity analyzers.Severity
		at       string // file of the finding
		message  string // regexp
		related  int
	}{
		{"differing copies in three files warn once, on the last",
			[]string{cm("fast"), cm("slow"), "# two lines\n# of comments\n" + cm("fast")},
			analyzers.SeverityWarning, "c.yaml",
			`^ConfigMap default/settings is defined 3 times \(a\.yaml:4, b\.yaml:4 and line 6\): applied together, the last replaces the others; keep one definition, lint files that are alternatives in separate runs, or give files applied with .kubectl apply -n. their namespace \(.namespaces. in \.meshlint\.yaml\)$`,
			2},
		{"identical copies are info, comments aside",
			[]string{sa("cart", ""), sa("cart", "# generated\n")},
			analyzers.SeverityInfo, "b.yaml",
			`^ServiceAccount shop/cart is defined 2 times, identically \(a\.yaml:4 and line 5\): keep one definition, or lint files that are alternatives in separate runs$`,
			1},
		{"copies with a namespace get no namespace hint",
			[]string{sa("cart", "") + "secrets: [{name: a}]\n", sa("cart", "")},
			analyzers.SeverityWarning, "b.yaml", `the last replaces the others; keep one definition, or lint files that are alternatives in separate runs$`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sources []source.Source
			for i, content := range tt.files {
				sources = append(sources, source.Source{Path: string(rune('a'+i)) + ".yaml", Content: []byte(content)})
			}
			g := graph.Load(sources, graph.DefaultOptions())
			findings, err := analyzers.Run(context.Background(), g, []*analyzers.Rule{DuplicateResource})
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 1 {
				t.Fatalf("got %d findings; want one per object: %v", len(findings), findings)
			}
			f := findings[0]
			if f.Location.File != tt.at || f.Severity != tt.severity || !regexp.MustCompile(tt.message).MatchString(f.Message) {
				t.Errorf("got %s %v %q; want %s %v matching %q", f.Location.File, f.Severity, f.Message, tt.at, tt.severity, tt.message)
			}
			if len(f.Related) != tt.related {
				t.Errorf("related %+v; want %d, one per other copy", f.Related, tt.related)
			}
		})
	}
}

package lint

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

// The apply-order rules judge the order of the whole input: linting only
// the file of the VirtualService keeps the finding at the DestinationRule
// applied after it, which names the route as related; applyOrder: false
// turns them off.
func TestApplyOrder(t *testing.T) {
	sources := applyOrderSources()
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"whole input", Options{}, "ML7001 b-rules.yaml:7"},
		{"only the earlier file", Options{Only: []string{"a-routes.yaml"}}, "ML7001 b-rules.yaml:7"},
		{"only the later file", Options{Only: []string{"b-rules.yaml"}}, "ML7001 b-rules.yaml:7"},
		{"applyOrder: false", Options{NoApplyOrder: true}, ""},
		{"applyOrder: false wins over enable", Options{NoApplyOrder: true, Enable: []string{"ML7001"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Graph = DefaultOptions().Graph
			res, err := Lint(context.Background(), sources, opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if strings.HasPrefix(f.Rule.ID, "ML7") {
					got = append(got, f.Rule.ID+" "+f.Location.File+":"+strconv.Itoa(f.Location.Start.Line))
				}
			}
			if strings.Join(got, ", ") != tt.want {
				t.Errorf("apply-order findings %q; want %q", got, tt.want)
			}
		})
	}
}

// Apply order is that of `kubectl apply -f A -f B`: the arguments as
// given, a directory's files by name. The report still sorts by file.
func TestApplyOrderFollowsArguments(t *testing.T) {
	dir := t.TempDir()
	routes, rules := filepath.Join(dir, "a-routes.yaml"), filepath.Join(dir, "b-rules.yaml")
	for _, s := range applyOrderSources() {
		if err := os.WriteFile(filepath.Join(dir, s.Path), s.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		paths []string
		only  []string
		want  string
	}{
		{"route then rule", []string{routes, rules}, nil, "ML7001 b-rules.yaml:7"},
		{"rule then route", []string{rules, routes}, nil, ""},
		{"directory, by name", []string{dir}, nil, "ML7001 b-rules.yaml:7"},
		{"rule named before its directory", []string{rules, dir}, nil, ""},
		{"rule then route, only the route", []string{rules, routes}, []string{routes}, ""},
		{"route then rule, only the route", []string{routes, rules}, []string{routes}, "ML7001 b-rules.yaml:7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sources, err := ReadSources(Inputs{Paths: tt.paths, Only: tt.only})
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Graph: DefaultOptions().Graph, Only: tt.only}
			res, err := Lint(context.Background(), sources, opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if strings.HasPrefix(f.Rule.ID, "ML7") {
					got = append(got, f.Rule.ID+" "+filepath.Base(f.Location.File)+":"+strconv.Itoa(f.Location.Start.Line))
				}
			}
			if strings.Join(got, ", ") != tt.want {
				t.Errorf("apply-order findings %q; want %q", got, tt.want)
			}
		})
	}
}

// applyOrderSources are a VirtualService routing to a subset and, in a
// file that sorts after it, the DestinationRule that defines the subset.
func applyOrderSources() []source.Source {
	return []source.Source{
		{Path: "a-routes.yaml", Content: []byte(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: shop}
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: ratings, subset: v1}
`)},
		{Path: "b-rules.yaml", Content: []byte(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings, namespace: shop}
spec:
  host: ratings
  subsets:
  - {name: v1, labels: {version: v1}}
`)},
	}
}

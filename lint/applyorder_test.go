package lint

import (
	"context"
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
	sources := []source.Source{
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

package lint_test

import (
	"context"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// TestNewFrom: the findings of an earlier revision are dropped, wherever
// they moved; a finding the change caused in an unchanged file is kept.
func TestNewFrom(t *testing.T) {
	svc := "apiVersion: v1\nkind: Service\nmetadata: {name: r, namespace: web}\nspec:\n  ports: [{name: http, port: 80}]\n"
	vs := "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: web}\n" +
		"spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: v2}\n"
	old := "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: o, namespace: web}\n" +
		"spec:\n  hosts: [o]\n  http:\n  - route:\n    - destination: {host: nowhere}\n"
	dr := func(subset string) string {
		return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r, namespace: web}\n" +
			"spec:\n  host: r\n  subsets:\n  - {name: " + subset + ", labels: {version: " + subset + "}}\n"
	}
	lintTree := func(drSubset string, newFrom *lint.Baseline) *lint.Result {
		t.Helper()
		sources := []source.Source{
			{Path: "svc.yaml", Content: []byte(svc)}, {Path: "dr.yaml", Content: []byte(dr(drSubset))},
			{Path: "vs.yaml", Content: []byte(vs)}, {Path: "old.yaml", Content: []byte("# moved down\n" + old)},
		}
		opts := lint.DefaultOptions()
		opts.NewFrom = newFrom
		res, err := lint.Lint(context.Background(), sources, opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	before := lintTree("v2", nil)
	if len(before.Findings) == 0 {
		t.Fatal("the old tree has no finding")
	}
	after := lintTree("v1", lint.BaselineOf(before.Findings))
	var files []string
	for _, f := range after.Findings {
		files = append(files, f.Location.File)
	}
	if len(after.Findings) != 1 || after.Findings[0].Location.File != "vs.yaml" || after.Preexisting != len(before.Findings) {
		t.Errorf("new findings in %v, %d preexisting; want one in vs.yaml (the unchanged file the DestinationRule broke) and %d preexisting",
			strings.Join(files, ", "), after.Preexisting, len(before.Findings))
	}
}

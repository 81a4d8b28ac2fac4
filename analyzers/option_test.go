package analyzers_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

var (
	limitOption = &analyzers.Option[int]{Name: "maxRoutes", Doc: "routes allowed", Default: 50}
	namesOption = &analyzers.Option[[]string]{Name: "ignoreNamespaces", Doc: "namespaces skipped", Default: []string{"kube-system"}}
	optionRule  = &analyzers.Rule{ID: "ML9001", Name: "with-options", Options: []analyzers.OptionSpec{limitOption, namesOption}}
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		name    string
		raw     map[string]any
		want    map[string]any
		wantErr string
	}{
		{"int and list", map[string]any{"maxRoutes": 10, "ignoreNamespaces": []any{"a", "b"}},
			map[string]any{"maxRoutes": 10, "ignoreNamespaces": []string{"a", "b"}}, ""},
		{"unknown option lists the known ones", map[string]any{"maxRoute": 10}, nil, `ML9001 has no option "maxRoute" (it has maxRoutes, ignoreNamespaces)`},
		{"wrong type", map[string]any{"maxRoutes": "ten"}, nil, `maxRoutes: want a whole number, not "ten"`},
		{"list of non-strings", map[string]any{"ignoreNamespaces": []any{"a", 3}}, nil, "item 1 is 3"},
		{"not a list", map[string]any{"ignoreNamespaces": "a"}, nil, `want a list of strings, not "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := analyzers.ParseOptions(optionRule, tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got["maxRoutes"] != tt.want["maxRoutes"] || !slices.Equal(got["ignoreNamespaces"].([]string), tt.want["ignoreNamespaces"].([]string)) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOptionValue(t *testing.T) {
	var got []int
	rule := *optionRule
	rule.Severity = analyzers.SeverityInfo
	rule.Run = func(p *analyzers.Pass) { got = append(got, limitOption.Value(p)) }
	for _, opts := range []map[string]map[string]any{nil, {"ML9001": {"maxRoutes": 7}}} {
		if _, err := analyzers.RunWith(context.Background(), testGraph(t), []*analyzers.Rule{&rule}, analyzers.Options{RuleOptions: opts}); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(got, []int{50, 7}) {
		t.Errorf("values %v, want the default 50 then the configured 7", got)
	}
	undeclared := &analyzers.Rule{ID: "ML9002", Name: "sneaky", Severity: analyzers.SeverityInfo,
		Run: func(p *analyzers.Pass) { limitOption.Value(p) }}
	_, err := analyzers.Run(context.Background(), testGraph(t), []*analyzers.Rule{undeclared})
	if err == nil || !strings.Contains(err.Error(), "ML9002 reads option maxRoutes without declaring it") {
		t.Errorf("err = %v, want the undeclared option named", err)
	}
}

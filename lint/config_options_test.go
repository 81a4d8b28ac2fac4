package lint_test

import (
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/lint"
)

func TestFileApplyTo(t *testing.T) {
	ruleA := &analyzers.Rule{ID: "ML1001", Name: "a-rule", Istio: []string{"IST0101"}}
	ruleB := &analyzers.Rule{ID: "ML1002", Name: "b-rule", Istio: []string{"IST0101"}}
	tests := []struct {
		name    string
		file    lint.File
		want    string // "ID=severity ..." in rule order
		wantErr string
	}{
		{"a name beats an istioctl code", lint.File{Rules: lint.RulesConfig{Severity: map[string]string{"b-rule": "warning", "IST0101": "info"}}}, "ML1001=info ML1002=warning", ""},
		{"bad severity", lint.File{Rules: lint.RulesConfig{Severity: map[string]string{"ML1001": "fatal"}}}, "", "m.yaml: rules.severity.ML1001:"},
		{"unknown rule", lint.File{Rules: lint.RulesConfig{Severity: map[string]string{"ML9999": "info"}}}, "", `m.yaml: rules.severity: no rule "ML9999"`},
		{"gateway without namespace", lint.File{Externals: lint.ExternalsConfig{Gateways: []string{"public"}}}, "", `externals.gateways: "public" must be namespace/name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.file.Path = "m.yaml"
			opts := lint.Options{Rules: []*analyzers.Rule{ruleA, ruleB}}
			err := tt.file.ApplyTo(&opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v; want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range opts.Rules {
				got = append(got, r.ID+"="+opts.Severity[r.ID].String())
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("severities %v; want %s", got, tt.want)
			}
		})
	}
}

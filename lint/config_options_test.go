package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
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

// TestNamespacesKeyOnLint: files without a namespace, meant for `kubectl
// apply -n`, are copies of each other in the default namespace unless the
// config maps each to its own; then they are distinct objects, and their
// references resolve in that namespace.
func TestNamespacesKeyOnLint(t *testing.T) {
	app := "apiVersion: v1\nkind: Service\nmetadata: {name: orders}\nspec: {ports: [{name: http, port: 80}]}\n---\n" +
		"apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: orders}\n" +
		"spec: {hosts: [orders], http: [{route: [{destination: {host: orders}}]}]}\n"
	tests := []struct {
		name   string
		config string
		want   []string // rule@file:line
	}{
		{"one default namespace", "namespace: default\n", []string{"ML0003@beta.yaml:3", "ML0003@beta.yaml:8"}},
		{"a namespace per file", "namespaces:\n  alpha.yaml: alpha\n  beta.yaml: beta\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range map[string]string{lint.ConfigFileName: tt.config, "alpha.yaml": app, "beta.yaml": app} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cf, err := lint.ReadConfigFile(filepath.Join(dir, lint.ConfigFileName))
			if err != nil {
				t.Fatal(err)
			}
			opts := lint.DefaultOptions()
			if err := cf.ApplyTo(&opts); err != nil {
				t.Fatal(err)
			}
			sources, err := source.ReadSources([]string{dir}, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := lint.Lint(context.Background(), sources, opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, fmt.Sprintf("%s@%s:%d", f.Rule.ID, filepath.Base(f.Location.File), f.Location.Start.Line))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings %v; want %v", got, tt.want)
			}
		})
	}
}

// TestFileApplyToInjection: the config's injection.enableNamespacesByDefault
// reaches the graph; without it the graph reads the files.
func TestFileApplyToInjection(t *testing.T) {
	on := true
	for _, stated := range []*bool{nil, &on} {
		opts := lint.Options{Rules: []*analyzers.Rule{}}
		f := lint.File{Path: "m.yaml", Injection: lint.InjectionConfig{EnableNamespacesByDefault: stated}}
		if err := f.ApplyTo(&opts); err != nil {
			t.Fatal(err)
		}
		if opts.Graph.EnableNamespacesByDefault != stated {
			t.Errorf("EnableNamespacesByDefault = %v; want %v", opts.Graph.EnableNamespacesByDefault, stated)
		}
	}
}

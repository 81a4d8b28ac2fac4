package main

import (
	"strings"
	"testing"
)

const widgetCRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
`

const widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: default}\nspec:\n  size: 3\n  colour: red\n"

// TestSchemaFlags checks --crd and --strict-kinds and their config keys.
func TestSchemaFlags(t *testing.T) {
	tests := []struct {
		name     string
		config   string
		args     []string
		wantCode int
		want     []string // substrings of stdout+stderr
		dontWant []string
	}{
		{"custom resources are skipped by default", "", []string{"deploy"}, 0, nil, []string{"ML0101", "ML0105"}},
		{"--strict-kinds lists them", "", []string{"--strict-kinds", "deploy"}, 0,
			[]string{"deploy/widget.yaml:2:7: info: meshlint has no schema for example.com/v1 Widget"}, nil},
		{"--strict-kinds with --enable", "", []string{"--strict-kinds", "--enable", "ML0101", "deploy"}, 0, []string{"ML0105"}, nil},
		{"--disable wins over --strict-kinds", "", []string{"--strict-kinds", "--disable", "kind-without-schema", "deploy"}, 0, nil, []string{"ML0105"}},
		{"--crd validates them", "", []string{"--crd", "crds/widget.yaml", "deploy"}, 1,
			[]string{`deploy/widget.yaml:6:3: error: unknown field "spec.colour" [ML0101`}, []string{"ML0105"}},
		{"--crd takes a directory", "", []string{"--crd", "crds", "--strict-kinds", "deploy"}, 1, []string{"ML0101"}, []string{"ML0105"}},
		{"config keys", "strictKinds: true\ncrds: [crds]\n", []string{"deploy"}, 1, []string{"ML0101"}, []string{"ML0105"}},
		{"config strictKinds", "strictKinds: true\n", []string{"deploy"}, 0, []string{"ML0105"}, nil},
		{"not a CRD", "", []string{"--crd", "deploy/widget.yaml", "deploy"}, 2,
			[]string{"--crd: deploy/widget.yaml: holds no CustomResourceDefinition"}, nil},
		{"a CRD bundle with other objects", "", []string{"-v", "--crd", "bundle.yaml", "deploy"}, 1,
			[]string{"ML0101", `meshlint: debug: --crd: bundle.yaml:21: not a CustomResourceDefinition (apiVersion "admissionregistration.k8s.io/v1", kind "ValidatingAdmissionPolicy"); skipped`}, nil},
		{"missing CRD file", "", []string{"--crd", "nope.yaml", "deploy"}, 2, []string{"nope.yaml"}, nil},
		{"CRD schema that does not compile", "", []string{"--crd", "bad/widget.yaml", "deploy"}, 1,
			[]string{"deploy/widget.yaml:2:7: error: example.com/v1 Widget cannot be validated: ", "is not valid 'regex' [ML0104"}, []string{"ML0101"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"deploy/widget.yaml": widget, "crds/widget.yaml": widgetCRD,
				"bundle.yaml":     widgetCRD + "---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\n",
				"bad/widget.yaml": strings.Replace(widgetCRD, "{type: integer}", "{type: integer, pattern: \"((\"}", 1)}
			if tt.config != "" {
				files[".meshlint.yaml"] = tt.config
			}
			runInTree(t, files, tt.args, tt.wantCode, tt.want, tt.dontWant)
		})
	}
}

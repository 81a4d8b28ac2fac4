package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRepositoryWithOtherYAML: linting a whole repository meets Helm
// charts, kustomizations and other tools' YAML; none is an error, and
// each is said.
func TestRepositoryWithOtherYAML(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"chart/Chart.yaml":          "apiVersion: v2\nname: shop\nversion: 0.1.0\n",
		"chart/values.yaml":         "replicaCount: 1\n",
		"chart/templates/svc.yaml":  "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n",
		"docker-compose.yml":        "services:\n  web: {image: nginx}\n",
		"deploy/kustomization.yaml": "resources: [svc.yaml]\n",
		"deploy/svc.yaml":           "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{name: http, port: 80}]\n",
	})
	code, out, errOut := runCLI(t, "", dir)
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "chart/Chart.yaml:1:1: info: Helm chart \""+filepath.Join(dir, "chart")+"\" not linted") ||
		!strings.Contains(out, "deploy/kustomization.yaml:1:1: info: kustomization \""+filepath.Join(dir, "deploy")+"\" linted as written") {
		t.Errorf("code %d, stdout %q; want exit 0 and one info finding for the chart, one for the kustomization", code, out)
	}
	if !strings.Contains(errOut, "1 document skipped, not Kubernetes objects") {
		t.Errorf("stderr %q does not say that one document was skipped", errOut)
	}
	_, _, errOut = runCLI(t, "", "-v", dir)
	if !strings.Contains(errOut, "docker-compose.yml:1: not a Kubernetes object (no apiVersion, no kind)") {
		t.Errorf("-v does not list the skipped documents: %q", errOut)
	}
}

// TestMeshConfigUnknownKeyWarning: a misspelt --mesh-config key is a
// warning on stderr; it changes neither the findings nor the exit code.
func TestMeshConfigUnknownKeyWarning(t *testing.T) {
	dir := writeTree(t, map[string]string{"mesh.yaml": "defaultConfig:\n  proxyMetdata: {ISTIO_META_DNS_CAPTURE: \"true\"}\n"})
	code, _, errOut := runCLI(t, "", "--mesh-config", filepath.Join(dir, "mesh.yaml"), "testdata/clean.yaml")
	want := "meshlint: warning: --mesh-config: " + filepath.Join(dir, "mesh.yaml") + `:2:3: unknown MeshConfig field "proxyMetdata" (did you mean "proxyMetadata"?)`
	if code != 0 || !strings.Contains(errOut, want) {
		t.Errorf("code %d, stderr %q; want 0 and %q", code, errOut, want)
	}
}

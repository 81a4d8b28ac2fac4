package main

import (
	"strings"
	"testing"
)

// overlayTree is a base with a Service, a DestinationRule and a
// VirtualService, and an overlay that prefixes their names and patches the
// routes: the mistakes overlays make, which only the build shows.
func overlayTree(overlay map[string]string) map[string]string {
	files := map[string]string{
		"base/kustomization.yaml": "resources:\n- mesh.yaml\n",
		"base/mesh.yaml": `apiVersion: v1
kind: Service
metadata:
  name: reviews
spec:
  selector:
    app: reviews
  ports:
  - name: http
    port: 9080
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
`,
	}
	for name, content := range overlay {
		files["overlay/"+name] = content
	}
	return files
}

// The prefix renames the Service, not the hosts that route to it: the
// finding is on the host, in the base file where it is written.
func TestKustomizeNamePrefixBreaksHosts(t *testing.T) {
	files := overlayTree(map[string]string{"kustomization.yaml": "resources:\n- ../base\nnamePrefix: prod-\n"})
	runInTree(t, files, []string{"-k", "overlay"}, exitFindings,
		[]string{`base/mesh.yaml:36:15: error: host "reviews"`, "ML1103", `base/mesh.yaml:17:9: warning: host "reviews"`, "ML1104"},
		[]string{"<stdin>", "config.kubernetes.io/origin"})
	// Linted as written, the base is clean.
	runInTree(t, files, []string{"base/mesh.yaml"}, exitClean, nil, []string{"ML1103"})
}

// A patch that replaces the route list and drops the subset the
// DestinationRule defines: the finding is at the patch file's line.
func TestKustomizePatchedRouteAtPatchLine(t *testing.T) {
	files := overlayTree(map[string]string{
		"kustomization.yaml": "resources:\n- ../base\npatches:\n- path: canary.yaml\n",
		"canary.yaml": `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  http:
  - route:
    - destination:
        host: reviews
        subset: v3
`,
	})
	runInTree(t, files, []string{"-k", "overlay", "-o", "json"}, exitFindings,
		[]string{`"file": "overlay/canary.yaml"`, `"line": 10`, `"rule": "ML1102"`}, []string{`"file": "overlay/kustomization.yaml"`})
}

func TestKustomizeBrokenPatchIsAFinding(t *testing.T) {
	files := overlayTree(map[string]string{
		"kustomization.yaml": "resources:\n- ../base\npatches:\n- path: ratings.yaml\n- path: ops.yaml\n  target:\n    kind: VirtualService\n    name: reviews\n",
		"ratings.yaml":       "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ratings\nspec:\n  http: []\n",
		"ops.yaml":           "- op: jump\n  path: /spec/http/0\n",
	})
	runInTree(t, files, []string{"-k", "overlay"}, exitFindings,
		[]string{"overlay/ratings.yaml:4:9: error: patch overlay/ratings.yaml", "ML0011", "overlay/ops.yaml:1:7: error:", "ML0012", "1 file, 3 resources"}, nil)
}

func TestKustomizeUsageErrors(t *testing.T) {
	files := overlayTree(map[string]string{
		"kustomization.yaml": "resources:\n- ../base\npatches:\n- path: gone.yaml\n",
	})
	files["remote/kustomization.yaml"] = "resources:\n- https://example.com/mesh.yaml\n"
	files["component/kustomization.yaml"] = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
	files["plain/vs.yaml"] = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n"
	for _, c := range []struct {
		dir, want string
	}{
		{"overlay", "overlay/kustomization.yaml:4: patches entry \"gone.yaml\""},
		{"remote", "remote/kustomization.yaml:2: resources entry \"https://example.com/mesh.yaml\" is remote"},
		{"plain", "-k plain: no kustomization in the directory"},
		{"component", "component/kustomization.yaml:2: a Component is built as part of"},
		{"nowhere", "-k nowhere: not a directory"},
	} {
		runInTree(t, files, []string{"-k", c.dir}, exitUsage, []string{c.want}, nil)
	}
}

// -k mixes with paths: the Gateway in a plain file is found from the build.
func TestKustomizeWithPaths(t *testing.T) {
	files := overlayTree(map[string]string{"kustomization.yaml": "resources:\n- ../base\n"})
	files["extra/dr.yaml"] = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: other\nspec:\n  host: reviews\n"
	runInTree(t, files, []string{"-k", "overlay", "extra"}, exitClean, []string{"2 files, 4 resources"}, nil)
}

// A walk reads a kustomization as written: its resources are linted, its
// patches are not (they are fragments), and a finding says so.
func TestWalkMeetsKustomization(t *testing.T) {
	files := overlayTree(map[string]string{
		"kustomization.yaml": "resources:\n- ../base\npatches:\n- path: canary.yaml\n",
		"canary.yaml":        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: v3\n",
	})
	runInTree(t, files, []string{"."}, exitClean,
		[]string{`overlay/kustomization.yaml:1:1: info: kustomization "overlay" linted as written, not built`, "meshlint -k overlay", "ML0013", "base/kustomization.yaml:1:1"},
		[]string{"canary.yaml", "ML1102"})
}

// helm template output: each document names its template.
func TestHelmSourceComments(t *testing.T) {
	stream := "---\n# Source: shop/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports:\n  - name: http\n    port: 80\n" +
		"---\n# Source: shop/templates/vs.yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: v9\n"
	code, out, _ := runCLI(t, stream, "-")
	if code != exitFindings || !strings.Contains(out, "shop/templates/vs.yaml:11:17: error: subset \"v9\"") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	plain := strings.ReplaceAll(stream, "# Source:", "# from")
	code, out, _ = runCLI(t, plain, "--stdin-filename", "rendered.yaml", "-")
	if code != exitFindings || !strings.Contains(out, "rendered.yaml:23:17: error: subset \"v9\"") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// --only names files a -k build read: they are reported on, not read again
// as files of their own (which would define every resource twice).
func TestKustomizeOnly(t *testing.T) {
	files := overlayTree(map[string]string{"kustomization.yaml": "resources:\n- ../base\nnamePrefix: prod-\n"})
	runInTree(t, files, []string{"-k", "overlay", "--only", "base/mesh.yaml"}, exitFindings,
		[]string{`base/mesh.yaml:36:15: error: host "reviews"`, "1 file, 3 resources"}, []string{"ML0003"})
	runInTree(t, files, []string{"-k", "overlay", "--only", "overlay/kustomization.yaml"}, exitClean, nil, []string{"ML1103"})
}

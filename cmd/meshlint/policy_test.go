package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

const routeManifest = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews.example.com]
  http:
  - timeout: 2s
    route:
    - destination: {host: reviews.example.com}
  - route:
    - destination: {host: reviews.example.com}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 80, name: http, protocol: HTTP}
`

// A house rule over the whole mesh, naming the resource and the field.
const routeTimeoutPolicy = `# METADATA
# title: every HTTP route has a timeout
# custom:
#   id: ML9500
#   name: route-timeout
#   severity: warning
package house.routes

import rego.v1

warn contains {"msg": sprintf("route %d has no timeout", [i]), "resource": r, "path": sprintf("spec.http[%d]", [i])} if {
	some r in input.resources
	r.kind == "VirtualService"
	some i, route in r.spec.http
	not route.timeout
}
`

func TestUserPolicyFindings(t *testing.T) {
	files := map[string]string{"mesh.yaml": routeManifest, "policies/routes.rego": routeTimeoutPolicy}
	runInTree(t, files, []string{"--policy", "policies", "mesh.yaml"}, exitClean,
		[]string{"mesh.yaml:10:5: warning: route 1 has no timeout [ML9500 route-timeout]"}, []string{"route 0"})
	runInTree(t, files, []string{"--policy", "policies", "-o", "sarif", "mesh.yaml"}, exitClean,
		[]string{`"ruleId": "ML9500"`, `"startLine": 10`, `"startColumn": 5`, "every HTTP route has a timeout"}, nil)
	// The config's policies: key, relative to the config file.
	files[".meshlint.yaml"] = "policies: [policies]\n"
	runInTree(t, files, []string{"--fail-on", "warning", "mesh.yaml"}, exitFindings, []string{"[ML9500 route-timeout]"}, nil)
	// Disabled like any rule.
	runInTree(t, files, []string{"--disable", "route-timeout", "mesh.yaml"}, exitClean, nil, []string{"ML9500"})
}

// A conftest policy, written for one document as input and in the Rego
// syntax before OPA 1.0, runs unchanged: its finding points at the
// resource it was evaluated on.
func TestConftestStylePolicy(t *testing.T) {
	policy := `package main

deny[msg] {
	input.kind == "ServiceEntry"
	input.spec.location == "MESH_EXTERNAL"
	not input.spec.exportTo
	msg := sprintf("ServiceEntry %s must set exportTo", [input.metadata.name])
}
`
	files := map[string]string{"mesh.yaml": routeManifest, "policy/se.rego": policy}
	runInTree(t, files, []string{"--policy", "policy", "mesh.yaml"}, exitFindings,
		[]string{"mesh.yaml:13:1: error: ServiceEntry reviews must set exportTo [", "main-deny]"}, nil)
	runInTree(t, files, []string{"--policy", "policy", "--policy-namespace", "other", "mesh.yaml"}, exitClean, nil, []string{"main-deny"})
}

func TestPolicySandboxAndDeadline(t *testing.T) {
	network := `package evil

import rego.v1

deny contains resp.body if {
	resp := http.send({"method": "GET", "url": "http://example.com"})
}
`
	runInTree(t, map[string]string{"mesh.yaml": routeManifest, "p/net.rego": network}, []string{"--policy", "p", "mesh.yaml"}, exitUsage,
		[]string{"p/net.rego:6:10: http.send is not allowed"}, nil)
	loop := `package slow

import rego.v1

nums := numbers.range(1, 2000)

# Eight billion steps, and no memory to speak of: only the deadline stops it.
deny contains "never" if {
	some r in input.resources
	some a in nums
	some b in nums
	some c in nums
	a + b + c == -1
}
`
	runInTree(t, map[string]string{"mesh.yaml": routeManifest, "p/loop.rego": loop}, []string{"--policy", "p", "--policy-timeout", "1s", "mesh.yaml"}, exitUsage,
		[]string{"policy data.slow.deny", "did not finish within 1s"}, nil)
	syntax := "package broken\n\ndeny contains msg if {\n\tmsg := \n}\n"
	runInTree(t, map[string]string{"mesh.yaml": routeManifest, "p/broken.rego": syntax}, []string{"--policy", "p", "mesh.yaml"}, exitUsage,
		[]string{"p/broken.rego:"}, nil)
}

func TestPolicyTestCommand(t *testing.T) {
	pass := `package house.routes_test

import rego.v1

import data.house.routes

test_route_without_timeout if {
	some w in routes.warn with input as {"resources": [{"kind": "VirtualService", "spec": {"http": [{}]}}]}
	w.path == "spec.http[0]"
}
`
	fail := pass + `
test_wrong if {
	count(routes.warn) == 5 with input as {"resources": []}
}
`
	files := map[string]string{"p/routes.rego": routeTimeoutPolicy, "p/routes_test.rego": pass}
	runInTree(t, files, []string{"policy", "test", "--coverage", "p"}, exitClean,
		[]string{"1 tests: 1 passed, 0 failed", "p/routes.rego: 100.0% of lines covered"}, []string{"routes_test.rego:"})
	files["p/routes_test.rego"] = fail
	runInTree(t, files, []string{"policy", "test", "p"}, exitFindings,
		[]string{"p/routes_test.rego:12: FAIL data.house.routes_test.test_wrong", "2 tests: 1 passed, 1 failed"}, nil)
	runInTree(t, map[string]string{"p/x.rego": "package x\n\ndeny contains 1 if {\n"}, []string{"policy", "test", "p"}, exitUsage, []string{"p/x.rego:"}, nil)
}

func TestPolicyEval(t *testing.T) {
	runInTree(t, map[string]string{"mesh.yaml": routeManifest}, []string{"policy", "eval", "--resource", "VirtualService/shop/reviews", "mesh.yaml"}, exitClean,
		[]string{`"id": "networking.istio.io/VirtualService/shop/reviews"`, `"kind": "route-host"`, `"hosts": [`}, []string{`"kind": "ServiceEntry"`})
	runInTree(t, map[string]string{"mesh.yaml": routeManifest}, []string{"policy", "eval", "--data", "mesh.yaml"}, exitClean,
		[]string{`"reviews.example.com": [`, `"networking.istio.io/ServiceEntry/shop/reviews"`}, nil)
	runInTree(t, map[string]string{"mesh.yaml": routeManifest}, []string{"policy", "eval", "--resource", "VirtualService/shop/nope", "mesh.yaml"}, exitUsage,
		[]string{"no such resource"}, nil)
}

// TestPoliciesDocExample runs the worked example of docs/policies.md: its
// policy finds the route without timeout, and its test passes.
func TestPoliciesDocExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "policies.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```rego\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) != 2 {
		t.Fatalf("docs/policies.md has %d rego blocks, want the policy and its test", len(blocks))
	}
	mesh := `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api, namespace: shop}
spec:
  hosts: [api.partner.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 80, name: http, protocol: HTTP}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec:
  hosts: [api.partner.example.com]
  http:
  - route:
    - destination: {host: api.partner.example.com}
`
	files := map[string]string{"mesh.yaml": mesh, "p/routes.rego": blocks[0][1], "p/routes_test.rego": blocks[1][1]}
	runInTree(t, files, []string{"--policy", "p", "mesh.yaml"}, exitClean,
		[]string{"mesh.yaml:17:5: warning: route 0 goes to api.partner.example.com outside the mesh and has no timeout [ML9101 external-route-timeout]"}, nil)
	runInTree(t, files, []string{"policy", "test", "p"}, exitClean, []string{"1 tests: 1 passed, 0 failed"}, nil)
}

package main

import (
	"strings"
	"testing"
)

const vsToExternalHost = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/public]
  http:
  - route:
    - destination: {host: api.partner.example.com}
`

// svcWithUnnamedPort gets ML8001 (info) unless its namespace is ignored.
const svcWithUnnamedPort = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: web}
spec:
  selector: {app: api}
  ports:
  - port: 8080
`

func TestConfigFile(t *testing.T) {
	tests := []struct {
		name     string
		config   string
		args     []string
		wantCode int
		want     []string // substrings of stdout+stderr
		dontWant []string
	}{
		{"no config: both references dangle", "", []string{"deploy"}, 1,
			[]string{"ML1101", "ML1103"}, nil},
		{"externals declare them", "externals:\n  hosts: [\"*.partner.example.com\"]\n  gateways: [\"istio-system/*\"]\n", []string{"deploy"}, 0,
			nil, []string{"ML1101", "ML1103"}},
		{"paths used without PATH; ignore drops a file", "paths: [\"deploy/**/*.yaml\", \"charts/**\"]\nignore: [\"charts/**\"]\nrules: {disable: [ML1101]}\n", nil, 1,
			[]string{"ML1103"}, []string{"ML1101", "charts/"}},
		{"severity override: name beats istioctl code", "rules:\n  severity: {virtualservice-host-not-found: warning, IST0101: info}\nfailOn: warning\n", []string{"deploy"}, 1,
			[]string{"warning: host", "info: gateway"}, nil},
		{"severity override below failOn", "rules:\n  severity: {IST0101: info}\nfailOn: warning\n", []string{"deploy"}, 0,
			[]string{"info: host", "info: gateway"}, nil},
		// The config is read (its severities show) and the flag wins over its
		// failOn: without the flag the run would exit 0, without the config
		// the findings would be errors.
		{"flag beats config", "rules:\n  severity: {IST0101: warning}\nfailOn: none\n", []string{"--fail-on", "warning", "deploy"}, 1,
			[]string{"warning: host", "warning: gateway"}, []string{"error:"}},
		{"config failOn without the flag", "rules:\n  severity: {IST0101: warning}\nfailOn: none\n", []string{"deploy"}, 0,
			[]string{"warning: host"}, nil},
		{"rule option changes what a rule checks", "rules:\n  options:\n    ML8001: {ignoreNamespaces: [web]}\n", []string{"--fail-on", "info", "deploy"}, 1,
			[]string{"ML1103"}, []string{"ML8001"}},
		{"rule option by name, default kept otherwise", "rules:\n  options:\n    service-port-name-protocol: {ignoreNamespaces: [other]}\n", []string{"--fail-on", "info", "deploy"}, 1,
			[]string{"ML8001"}, nil},
		{"unknown rule option names file, line and the known ones", "rules:\n  options:\n    ML8001:\n      ignoreNamespace: [web]\n", []string{"deploy"}, 2,
			[]string{".meshlint.yaml:4:", `ML8001 has no option "ignoreNamespace" (it has ignoreNamespaces)`}, nil},
		{"rule option of the wrong type", "rules:\n  options:\n    ML8001:\n      ignoreNamespaces: web\n", []string{"deploy"}, 2,
			[]string{".meshlint.yaml:4:", "want a list of strings"}, nil},
		{"options of an istioctl code are refused", "rules:\n  options:\n    IST0118: {ignoreNamespaces: [web]}\n", []string{"deploy"}, 2,
			[]string{`"IST0118" is not a rule ID or name`}, nil},
		{"unknown key names file and line", "rules:\n  disabel: [ML1101]\n", []string{"deploy"}, 2,
			[]string{".meshlint.yaml:2:", "disabel"}, nil},
		{"bad severity", "rules:\n  severity: {ML1101: fatal}\n", []string{"deploy"}, 2,
			[]string{"rules.severity.ML1101"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"deploy/web/shop.yaml": vsToExternalHost,
				"charts/broken.yaml":   "a: [\n",
				"deploy/web/svc.yaml":  svcWithUnnamedPort,
			}
			if tt.config != "" {
				files[".meshlint.yaml"] = tt.config
			}
			runInTree(t, files, tt.args, tt.wantCode, tt.want, tt.dontWant)
		})
	}
}

func TestExplicitConfigMissing(t *testing.T) {
	code, _, errOut := runCLI(t, "", "--config", "nope.yaml", "testdata/clean.yaml")
	if code != 2 || !strings.Contains(errOut, "nope.yaml") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// externals.namespaces declares namespaces created elsewhere, which
// exportTo may name (ML1108), and a pattern covers several.
func TestConfigExternalNamespaces(t *testing.T) {
	files := map[string]string{"deploy/se.yaml": `apiVersion: v1
kind: Namespace
metadata: {name: payments}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ledger, namespace: payments}
spec:
  hosts: [api.ledger.example.com]
  exportTo: [".", team-web, monitoring]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{number: 443, name: tls, protocol: TLS}]
`}
	runInTree(t, files, []string{"--fail-on", "warning", "deploy"}, 1, []string{`namespace "team-web"`, `namespace "monitoring"`}, nil)
	files[".meshlint.yaml"] = "externals:\n  namespaces: [\"team-*\", monitoring]\n"
	runInTree(t, files, []string{"--fail-on", "warning", "deploy"}, 0, nil, []string{"ML1108"})
}

package routing_test

import (
	"context"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/routing"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// Fixtures run without a mesh config; these cases need one.
func TestServiceEntryTCPWithoutAddressesMeshConfig(t *testing.T) {
	const (
		noCapture   = "defaultConfig: {proxyMetadata: {}}"
		capture     = `defaultConfig: {proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true"}}`
		proxyAlloc  = `defaultConfig: {proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: "true"}}`
		pilotAlloc  = `defaultConfig: {proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true", PILOT_ENABLE_IP_AUTOALLOCATE: "true"}}`
		allocNoCapt = `defaultConfig: {proxyMetadata: {ISTIO_META_DNS_AUTO_ALLOCATE: "true"}}`
	)
	const (
		resolutionNone = "resolution: NONE"
		resolutionDNS  = "resolution: DNS"
	)
	tests := []struct {
		name, mesh, spec, labels, status string
		findings                         int
	}{
		{"no capture, resolution DNS", noCapture, resolutionDNS, "", "", 1},
		{"no capture, status addresses", noCapture, resolutionNone, "", "addresses: [{value: 240.240.0.1}]", 1},
		{"auto-allocation without capture", allocNoCapt, resolutionDNS, "", "", 1},
		{"proxy allocates", proxyAlloc, resolutionNone, "", "", 0},
		{"pilot allocates", pilotAlloc, resolutionNone, "", "", 0},
		{"capture, istiod allocates (resolution DNS)", capture, resolutionDNS, "", "", 0},
		{"capture, resolution NONE", capture, resolutionNone, "", "", 1},
		{"capture, opted out of allocation", capture, resolutionDNS, `networking.istio.io/enable-autoallocate-ip: "False"`, "", 1},
		{"capture, allocated in status", capture, resolutionNone, "", "addresses: [{value: 240.240.0.1}]", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mc, err := graph.ParseMeshConfig(source.Source{Path: "mesh.yaml", Content: []byte(tt.mesh)})
			if err != nil {
				t.Fatal(err)
			}
			doc := "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: db\n  namespace: shop\n" +
				"  labels: {" + tt.labels + "}\nspec:\n  hosts: [db.example.com]\n  " + tt.spec +
				"\n  ports:\n  - {name: tcp, number: 5432, protocol: TCP}\n"
			if tt.status != "" {
				doc += "status: {" + tt.status + "}\n"
			}
			opts := graph.DefaultOptions()
			opts.Mesh = mc
			g := graph.Load([]source.Source{{Path: "se.yaml", Content: []byte(doc)}}, opts)
			findings, err := analyzers.Run(context.Background(), g, []*analyzers.Rule{routing.ServiceEntryTCPWithoutAddresses})
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != tt.findings {
				t.Errorf("%d findings, want %d: %v", len(findings), tt.findings, findings)
			}
		})
	}
}

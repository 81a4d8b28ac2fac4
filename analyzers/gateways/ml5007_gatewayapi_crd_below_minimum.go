package gateways

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPICRDBelowMinimum reports Gateway API CRDs whose bundle version
// is older than the one istiod needs to watch the kind.
var GatewayAPICRDBelowMinimum = &analyzers.Rule{
	ID: "ML5007", Name: "gatewayapi-crd-below-minimum", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindCustomResourceDefinition},
	Summary:        "a Gateway API CRD's bundle version is older than the one Istio needs, so istiod does not watch that kind",
	Istio:          []string{"IST0176"},
	IstioAnalyzers: []string{"k8sgateway.CRDVersionAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML5007"),
	Run:            runGatewayAPICRDBelowMinimum,
}

const bundleVersionAnnotation = "gateway.networking.k8s.io/bundle-version"

// minimumBundleVersions are the oldest Gateway API bundles whose CRDs
// istiod 1.31 (the release meshlint's istio.io/api follows) processes,
// from Istio's gatewayapi schema package; older ones are not watched.
var minimumBundleVersions = map[string][3]int{
	"grpcroutes.gateway.networking.k8s.io":         {1, 1, 0},
	"backendtlspolicies.gateway.networking.k8s.io": {1, 4, 0},
	"tlsroutes.gateway.networking.k8s.io":          {1, 5, 0},
	"tcproutes.gateway.networking.k8s.io":          {1, 6, 0},
}

func runGatewayAPICRDBelowMinimum(p *analyzers.Pass) {
	for _, crd := range p.Graph.OfKind(graph.KindCustomResourceDefinition) {
		minimum, ok := minimumBundleVersions[crd.Name]
		bv := crd.Annotations[bundleVersionAnnotation]
		if !ok || crd.Implied != "" || bv == "" || graph.HasPlaceholder(bv) {
			continue
		}
		v, ok := parseBundleVersion(bv)
		if !ok || !versionLess(v, minimum) {
			continue
		}
		p.Report(crd, graph.JoinPath("metadata", "annotations", bundleVersionAnnotation),
			"%s is from Gateway API %s, older than v%s, the oldest istiod processes for it: istiod does not watch this kind, so none of its routes take effect; install the Gateway API CRDs of v%s or later",
			crd.Name, bv, versionString(minimum), versionString(minimum))
	}
}

// parseBundleVersion reads "v1.4.1" or "v1.5.0-rc.1" (the pre-release is
// ignored, as istiod does) into its three numbers.
func parseBundleVersion(s string) ([3]int, bool) {
	core, _, _ := strings.Cut(strings.TrimPrefix(s, "v"), "-")
	core, _, _ = strings.Cut(core, "+")
	parts := strings.Split(core, ".")
	var v [3]int
	if len(parts) != 3 {
		return v, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, false
		}
		v[i] = n
	}
	return v, true
}

func versionLess(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func versionString(v [3]int) string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

package validation

import (
	"slices"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/internal/lazyre"
)

// appliesToGateways reports whether a VirtualService applies to gateways
// only: it names gateways, and "mesh" is not among them.
func appliesToGateways(vs *networking.VirtualService) bool {
	return len(vs.GetGateways()) > 0 && !slices.Contains(vs.GetGateways(), "mesh")
}

// outboundSNIRE matches the SNI names Istio generates for its own clusters
// (outbound_.80_._.reviews.default.svc.cluster.local), which a
// gateway-bound TLS VirtualService may route on.
var outboundSNIRE = lazyre.New(`outbound_.([0-8].*).*`)

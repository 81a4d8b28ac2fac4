package routing

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// RetryTimeoutNotShorter reports HTTP routes whose per-try timeout is not
// shorter than the route's timeout. The route timeout covers every try, so
// a try that runs into its own timeout has used up the route's: it is
// never retried, whatever the retry policy says.
var RetryTimeoutNotShorter = &analyzers.Rule{
	ID: "ML2006", Name: "retry-timeout-not-shorter", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindVirtualService},
	Summary: "a route's per-try timeout is not shorter than its timeout, so a slow try is never retried",
	Doc:     analyzers.MustDoc(ruleDocs, "ML2006"),
	Run:     runRetryTimeoutNotShorter,
}

func runRetryTimeoutNotShorter(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil {
			continue
		}
		for i, h := range vs.GetHttp() {
			timeout, retries := h.GetTimeout(), h.GetRetries()
			perTry := retries.GetPerTryTimeout()
			// No route timeout (Istio sets none by default), no retries,
			// or no per-try timeout: nothing to compare.
			if timeout == nil || timeout.AsDuration() <= 0 || retries.GetAttempts() <= 0 || perTry == nil {
				continue
			}
			// A duration Istio rejects is ML0202's finding, not a comparison.
			if !istiovalid.ValidDuration(timeout.AsDuration()) || !istiovalid.ValidDuration(perTry.AsDuration()) ||
				perTry.AsDuration() < timeout.AsDuration() {
				continue
			}
			base := graph.IndexPath("spec.http", i)
			p.Report(r, base+".retries.perTryTimeout",
				"perTryTimeout %s is not shorter than the route's timeout %s: a try that times out uses up the whole route timeout and is never retried; make perTryTimeout shorter than timeout (at most timeout divided by the attempts)",
				perTry.AsDuration(), timeout.AsDuration()).
				Relate(r.Location(base+".timeout"), "the route's timeout, which covers every try")
		}
	}
}

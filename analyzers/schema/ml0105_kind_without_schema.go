package schema

import (
	"github.com/meshlint/meshlint/analyzers"
)

// KindWithoutSchema lists the resources meshlint cannot validate.
var KindWithoutSchema = &analyzers.Rule{
	ID: "ML0105", Name: "kind-without-schema", Severity: analyzers.SeverityInfo, Since: "0.1.0", NonDefault: true,
	Summary: "meshlint has no schema for a kind, so it is not validated",
	Doc: "meshlint validates the Istio CRDs, the core Kubernetes kinds and the Gateway API CRDs. " +
		"Resources of other kinds (a cert-manager Certificate, an Argo Rollout, your own CRDs) are " +
		"skipped silently by default. With `--strict-kinds` (or `strictKinds: true` in the config file, " +
		"or enabling this rule) each one is listed, so that nothing goes unvalidated by surprise; give " +
		"their CRDs with `--crd FILE|DIR` to validate them too. Removed API versions are reported by " +
		"ML0111 instead.\n\n" +
		"### Bad\n```yaml\napiVersion: cert-manager.io/v1   # no schema: run with --crd certificates.yaml\nkind: Certificate\n" +
		"metadata:\n  name: example\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec:\n  hosts: [reviews]\n```\n",
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			if _, ok, err := p.Schemas.Lookup(gvkOf(r)); ok || err != nil || removedAPI(r) != nil {
				continue
			}
			p.Report(r, "kind", "meshlint has no schema for %s %s, so it is not validated (give its CRD with --crd)", r.APIVersion, r.Kind)
		}
	},
}

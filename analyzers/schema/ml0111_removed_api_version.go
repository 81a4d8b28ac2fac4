package schema

import (
	"github.com/meshlint/meshlint/analyzers"
)

// RemovedAPIVersion reports apiVersions the API server no longer serves.
var RemovedAPIVersion = &analyzers.Rule{
	ID: "ML0111", Name: "removed-api-version", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an apiVersion that no longer exists for the kind",
	Doc: "The API version was removed (Kubernetes' `extensions/v1beta1` Deployments and Ingresses, " +
		"`batch/v1beta1` CronJobs, `policy/v1beta1` PodSecurityPolicies, Istio's `rbac.istio.io` and " +
		"`authentication.istio.io` v1alpha1, ...) or its CustomResourceDefinition no longer serves it: " +
		"`kubectl apply` fails with \"no matches for kind\". The finding points at `apiVersion` and " +
		"names the replacement; the fields may need changes too, not only the version.\n\n" +
		"### Bad\n```yaml\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n```\n",
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			if a := removedAPI(r); a != nil {
				p.Report(r, "apiVersion", "%s %s was removed in %s; use %s", r.APIVersion, r.Kind, a.removedIn, a.use)
				continue
			}
			if e, ok, _ := p.Schemas.Lookup(gvkOf(r)); ok && !e.Served {
				p.Report(r, "apiVersion", "%s %s is no longer served by its CustomResourceDefinition%s", r.APIVersion, r.Kind, replacement(p, r))
			}
		}
	},
}

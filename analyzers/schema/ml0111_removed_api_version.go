package schema

import (
	"github.com/meshlint/meshlint/analyzers"
)

// RemovedAPIVersion reports apiVersions the API server no longer serves.
var RemovedAPIVersion = &analyzers.Rule{
	ID: "ML0111", Name: "removed-api-version", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an apiVersion that no longer exists for the kind",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0111"),
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

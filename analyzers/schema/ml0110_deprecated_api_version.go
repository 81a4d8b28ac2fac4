package schema

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
)

// DeprecatedAPIVersion reports apiVersions that still work but are on their way out.
var DeprecatedAPIVersion = &analyzers.Rule{
	ID: "ML0110", Name: "deprecated-api-version", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary: "an apiVersion that is deprecated in favour of a newer one",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0110"),
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			e, ok, _ := p.Schemas.Lookup(gvkOf(r))
			switch {
			case !ok || !e.Served:
			case e.Deprecated:
				p.Report(r, "apiVersion", "%s %s is deprecated%s", r.APIVersion, r.Kind, replacement(p, r))
			case strings.HasSuffix(r.Group, ".istio.io") && r.Version != "v1" && served(p, r.Group, "v1", r.Kind):
				p.Report(r, "apiVersion", "%s %s is deprecated; use %s/v1", r.APIVersion, r.Kind, r.Group)
			}
		}
	},
}

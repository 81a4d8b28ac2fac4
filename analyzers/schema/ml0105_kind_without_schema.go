package schema

import (
	"github.com/meshlint/meshlint/analyzers"
)

// KindWithoutSchema lists the resources meshlint cannot validate.
var KindWithoutSchema = &analyzers.Rule{
	ID: "ML0105", Name: "kind-without-schema", Severity: analyzers.SeverityInfo, Since: "0.1.0", NonDefault: true,
	Summary: "meshlint has no schema for a kind, so it is not validated",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0105"),
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			if _, ok, err := p.Schemas.Lookup(gvkOf(r)); ok || err != nil || apiVersionProblem(p, r) != "" {
				continue
			}
			p.Report(r, "kind", "meshlint has no schema for %s %s, so it is not validated (give its CRD with --crd)", r.APIVersion, r.Kind)
		}
	},
}

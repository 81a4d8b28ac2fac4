package schema

import (
	"github.com/meshlint/meshlint/analyzers"
)

// RemovedAPIVersion reports apiVersions the API server does not serve.
var RemovedAPIVersion = &analyzers.Rule{
	ID: "ML0111", Name: "removed-api-version", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an apiVersion that no longer exists for the kind",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0111"),
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			if msg := apiVersionProblem(p, r); msg != "" {
				p.Report(r, "apiVersion", "%s", msg)
			}
		}
	},
}

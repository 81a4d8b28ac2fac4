package schema

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/schemas"
)

// DeprecatedAPIVersion reports apiVersions that still work but that their
// CustomResourceDefinition marks deprecated.
var DeprecatedAPIVersion = &analyzers.Rule{
	ID: "ML0110", Name: "deprecated-api-version", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary: "an apiVersion its CustomResourceDefinition marks deprecated",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0110"),
	Fixable: true,
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			e, ok, _ := p.Schemas.Lookup(gvkOf(r))
			if !ok || !e.Served || !e.Deprecated {
				continue
			}
			f := p.Report(r, "apiVersion", "%s %s is deprecated in %s%s%s",
				r.APIVersion, r.Kind, e.Release(), channelNote(e), replacement(p, r))
			fixAPIVersion(p, f, e, preferredVersion(p, r))
		}
	},
}

// channelNote says when only one release channel serves a version, which
// a cluster with the other channel's CRDs rejects.
func channelNote(e *schemas.Entry) string {
	if e.Channel == "" {
		return ""
	}
	return ", and only its " + e.Channel + " channel serves it"
}

package schema

import (
	"reflect"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/schemas"
)

// OlderAPIVersion suggests the stable version of a kind whose CRD still
// serves the older one without marking it deprecated.
var OlderAPIVersion = &analyzers.Rule{
	ID: "ML0112", Name: "older-api-version", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary: "an apiVersion that still works and is not deprecated, though a stable version of the kind exists",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0112"),
	Fixable: true,
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			e, ok, _ := p.Schemas.Lookup(gvkOf(r))
			if !ok || !e.Served || e.Deprecated || isStable(r.Version) {
				continue
			}
			v := preferredVersion(p, r)
			if v == "" || !isStable(v) || versionPriority(v) < versionPriority(r.Version) {
				continue
			}
			f := p.Report(r, "apiVersion", "%s %s still works (%s serves it and does not deprecate it), but its stable version is %s; prefer it%s",
				r.APIVersion, r.Kind, e.Release(), apiVersion(r.Group, v), sameFields(p, e, v))
			fixAPIVersion(p, f, e, v)
		}
	},
}

// sameFields says so when the stable version's schema is r's own, so
// that moving is only a change of apiVersion.
func sameFields(p *analyzers.Pass, e *schemas.Entry, version string) string {
	if sameSchema(p, e, version) {
		return " (only the apiVersion changes: the fields are the same)"
	}
	return ""
}

// sameSchema reports whether version of e's kind is served and has e's
// own schema: moving to it changes nothing but the apiVersion.
func sameSchema(p *analyzers.Pass, e *schemas.Entry, version string) bool {
	g := e.GVK
	g.Version = version
	s, ok, _ := p.Schemas.Lookup(g)
	return ok && s.Served && reflect.DeepEqual(s.Schema, e.Schema)
}

// fixAPIVersion offers to write version instead of the finding's
// apiVersion, when the fields stay valid as written.
func fixAPIVersion(p *analyzers.Pass, f *analyzers.Finding, e *schemas.Entry, version string) {
	if version == "" || !sameSchema(p, e, version) {
		return
	}
	r := f.Resource
	to := apiVersion(r.Group, version)
	f.FixValue("apiVersion", to, "replace "+r.APIVersion+" with "+to+" (same fields)")
}

// isStable reports whether v is a GA version (v1, v2), not alpha or beta:
// kubeVersion without its suffix, matched by hand because the rule asks it
// of every resource.
func isStable(v string) bool {
	digits := strings.TrimPrefix(v, "v")
	if len(digits) == len(v) || digits == "" {
		return false
	}
	return strings.Trim(digits, "0123456789") == ""
}

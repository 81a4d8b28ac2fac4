package validation

import (
	"regexp"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// InvalidRegex reports regular expressions Istio's webhook rejects.
var InvalidRegex = webhookRule(&analyzers.Rule{
	ID: "ML0201", Name: "invalid-regex", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a regular expression in a match or rewrite does not compile as RE2",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("VirtualService", "EnvoyFilter"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0201"),
}, kindCheck{graph.KindVirtualService, checkVirtualServiceRegexes},
	kindCheck{graph.KindEnvoyFilter, checkEnvoyFilterRegexes})

// maxRegexLength is Istio's stand-in for Envoy's RE2 program-size limit.
const maxRegexLength = 1024

// regexProblem says what is wrong with a regular expression, or "".
func regexProblem(re string) string {
	switch {
	case re == "":
		return "regex must not be empty"
	case len(re) > maxRegexLength:
		return "regex is too long: Istio allows at most 1024 characters"
	}
	if _, err := regexp.Compile(re); err != nil {
		return "regex does not compile: " + err.Error() + "; Istio and Envoy use RE2 syntax (no look-around, no back-references)"
	}
	return ""
}

// isRegexMatch reports whether a StringMatch is a regex (possibly empty).
func isRegexMatch(sm *networking.StringMatch) bool {
	_, ok := sm.GetMatchType().(*networking.StringMatch_Regex)
	return ok
}

func checkVirtualServiceRegexes(r *graph.Resource, report reporter) {
	check := func(path, re string) {
		if msg := regexProblem(re); msg != "" {
			report.at(path, "%s", msg)
		}
	}
	for i, h := range r.VirtualService().GetHttp() {
		base := graph.IndexPath("spec.http", i)
		for j, m := range h.GetMatch() {
			for _, f := range httpMatchStrings(graph.IndexPath(base+".match", j), m) {
				// In withoutHeaders, `regex: "*"` is Istio's spelling of
				// "header present", not a regular expression.
				if isRegexMatch(f.sm) && !(f.field == "withoutHeaders" && f.sm.GetRegex() == "*") {
					check(f.path+".regex", f.sm.GetRegex())
				}
			}
		}
		for j, o := range h.GetCorsPolicy().GetAllowOrigins() {
			if isRegexMatch(o) {
				check(graph.IndexPath(base+".corsPolicy.allowOrigins", j)+".regex", o.GetRegex())
			}
		}
		if rr := h.GetRewrite().GetUriRegexRewrite(); rr != nil && rr.GetMatch() != "" {
			check(base+".rewrite.uriRegexRewrite.match", rr.GetMatch())
		}
	}
}

func checkEnvoyFilterRegexes(r *graph.Resource, report reporter) {
	ef, _ := r.Spec.(*networking.EnvoyFilter)
	for i, cp := range ef.GetConfigPatches() {
		v := cp.GetMatch().GetProxy().GetProxyVersion()
		if v == "" {
			continue
		}
		if _, err := regexp.Compile(v); err != nil {
			report.at(graph.IndexPath("spec.configPatches", i)+".match.proxy.proxyVersion", "proxyVersion regex does not compile: %v", err)
		}
	}
}

package graph

import "strings"

// HasPlaceholder reports whether s holds a template placeholder that a
// tool fills in before the manifest reaches the API server: `{{ .Values.x }}`
// (Helm, Go templates, Jinja) or `${VAR}` (envsubst, shell). Such a value
// is not what will be applied, so rules do not judge it.
func HasPlaceholder(s string) bool {
	if i := strings.Index(s, "{{"); i >= 0 && strings.Contains(s[i:], "}}") {
		return true
	}
	if i := strings.Index(s, "${"); i >= 0 && strings.Contains(s[i:], "}") {
		return true
	}
	return false
}

package graph

import (
	"strings"

	"github.com/meshlint/meshlint/internal/lazyre"
)

// shellVariable is `$NAME` in capitals, as documentation snippets write
// what envsubst or the shell fills in (`$PROXY_PORT`, `$GATEWAY_IP/32`).
var shellVariable = lazyre.New(`\$[A-Z_][A-Z0-9_]*\b`)

// HasPlaceholder reports whether s holds a template placeholder that a
// tool fills in before the manifest reaches the API server: `{{ .Values.x }}`
// (Helm, Go templates, Jinja), `${VAR}` or `$VAR` in capitals (envsubst,
// shell). Such a value is not what will be applied, so rules do not judge
// it.
func HasPlaceholder(s string) bool {
	if i := strings.Index(s, "{{"); i >= 0 && strings.Contains(s[i:], "}}") {
		return true
	}
	if i := strings.Index(s, "${"); i >= 0 && strings.Contains(s[i:], "}") {
		return true
	}
	return strings.Contains(s, "$") && shellVariable.MatchString(s)
}

// IsPlaceholderValue reports whether v, a value of a resource's object, is
// a string holding a template placeholder (see HasPlaceholder).
func IsPlaceholderValue(v any) bool {
	s, ok := v.(string)
	return ok && HasPlaceholder(s)
}

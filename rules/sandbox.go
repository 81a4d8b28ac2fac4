package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// deniedBuiltins are the builtins a policy may not call: they reach
// outside the input (network, files, the process) or make the output
// depend on when and how often it runs (clock, randomness), and lint
// results must be the same bytes for the same input.
var deniedBuiltins = []string{
	"http.send", "net.*", "opa.runtime", "time.now_ns", "rand.*", "uuid.*",
	"crypto.x509.parse_*",
}

func denied(name string) bool {
	return slices.ContainsFunc(deniedBuiltins, func(pattern string) bool {
		prefix, wildcard := strings.CutSuffix(pattern, "*")
		if wildcard {
			return strings.HasPrefix(name, prefix)
		}
		return name == pattern
	})
}

// sandboxCapabilities are OPA's capabilities without the denied builtins,
// so that the compiler also refuses them when reached indirectly.
func sandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool { return denied(b.Name) })
	caps.AllowNet = []string{}
	return caps
}

// checkSandbox names each call of a denied builtin with its position, in
// words a policy author can act on (the compiler alone would only say the
// function is undefined).
func checkSandbox(m *ast.Module) []error {
	var errs []error
	check := func(op ast.Ref, loc *ast.Location) {
		if name := op.String(); denied(name) {
			errs = append(errs, fmt.Errorf("%s: %s is not allowed in meshlint policies: they see only the input, "+
				"without network, files, clock or randomness", position(loc), name))
		}
	}
	// A call is an expression (`http.send(req, resp)`) or a term inside
	// one (`resp := http.send(req)`).
	ast.WalkExprs(m, func(e *ast.Expr) bool {
		if e.IsCall() {
			check(e.Operator(), e.Location)
		}
		return false
	})
	ast.WalkTerms(m, func(t *ast.Term) bool {
		if c, ok := t.Value.(ast.Call); ok && len(c) > 0 {
			if op, ok := c[0].Value.(ast.Ref); ok {
				check(op, t.Location)
			}
		}
		return false
	})
	return errs
}

// position renders an OPA location as file:line:col.
func position(loc *ast.Location) string {
	if loc == nil {
		return "?"
	}
	return fmt.Sprintf("%s:%d:%d", loc.File, loc.Row, loc.Col)
}

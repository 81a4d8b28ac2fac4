// Package analyzers is the analysis framework: rules, passes, findings and
// the runner. The rules live in one package per family below it.
package analyzers

import (
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

// Severity is how serious a finding is. Users may override a rule's default.
type Severity int

const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
)

func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "unknown"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return SeverityError, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "info":
		return SeverityInfo, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Category is the first digit of a rule ID.
type Category struct {
	Digit byte
	Name  string
}

// Categories in ID order; the digit is the first digit of the rule number.
var Categories = []Category{
	{'0', "input and schema"},
	{'1', "references"},
	{'2', "routing"},
	{'3', "mesh membership"},
	{'4', "security"},
	{'5', "gateways"},
	{'6', "extensions and telemetry"},
	{'7', "apply order and lifecycle"},
	{'8', "metadata"},
	{'9', "user policies"},
}

// Rule is one check: metadata that documentation, `meshlint rules`, SARIF
// and the conformance harness all read, and the function that runs it.
type Rule struct {
	ID       string   // stable: ML + four digits, first digit the category
	Name     string   // kebab-case
	Severity Severity // default severity
	Summary  string   // one line, lower case, no final period
	// Doc is Markdown: what the rule finds and why it matters, then a
	// "Bad" and a "Good" example as fenced YAML blocks, each a complete
	// manifest (TestDocExamples lints them). It is the file MLNNNN.md
	// beside the rule's Go file, embedded and read with MustDoc on first
	// use.
	Doc Doc
	// Istio lists the istioctl analyze codes this rule corresponds to.
	Istio []string
	// IstioAnalyzers names the istioctl analyzers (as `--analyzer` takes
	// them) whose findings this rule reproduces.
	IstioAnalyzers []string
	Since          string // first release with the rule
	// Retired lists the IDs and names of rules merged into this one. An ID
	// never changes meaning, so they are never reused; --enable, --disable
	// and the config's rule keys select this rule by them, which keeps
	// what users wrote about the old rule doing what they meant.
	Retired []string
	// NonDefault rules run only when enabled explicitly (--enable, config
	// rules.enable, or a flag such as --strict-kinds).
	NonDefault bool
	// Inputs are the kinds the rule reads, directly or through edges
	// (graph.EdgeInputs), like the inputs of Istio's analyzers: the runner
	// skips the rule when the graph has none of them, and a test checks
	// that the rule reads nothing else. Nil means the rule reads every
	// kind, or the loader's problems, and always runs.
	Inputs []graph.GroupKind
	// Options are the settings the rule takes from the config file.
	Options []OptionSpec
	// Policy is, for a rule written in Rego, its query and file
	// ("data.pkg.deny (policies/x.rego)"); empty for Go rules.
	Policy string
	// Requires lists the facts the rule reads (see Fact).
	Requires []Requirement
	// Fixable says the rule attaches suggested fixes to (some of) its
	// findings, which --fix applies; `meshlint rules` marks such rules.
	Fixable bool
	Run     func(*Pass)
}

// DocText is the rule's documentation, "" when it has none.
func (r *Rule) DocText() string {
	if r.Doc == nil {
		return ""
	}
	return r.Doc()
}

// Language is "rego" for a rule written as a Rego policy, "go" otherwise.
func (r *Rule) Language() string {
	if r.Policy != "" {
		return "rego"
	}
	return "go"
}

// Category returns the rule's category from its ID.
func (r *Rule) Category() Category {
	if len(r.ID) > 2 {
		for _, c := range Categories {
			if c.Digit == r.ID[2] {
				return c
			}
		}
	}
	return Category{}
}

// DocURL is where the rule's documentation lives in the repository.
func (r *Rule) DocURL() string {
	return DocsBaseURL + r.ID + ".md"
}

// DocsBaseURL is the base of the generated per-rule documentation.
const DocsBaseURL = "https://github.com/meshlint/meshlint/blob/main/docs/rules/"

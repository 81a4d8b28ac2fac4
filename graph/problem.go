package graph

import "github.com/meshlint/meshlint/graph/yamldoc"

// ProblemKind says what went wrong while loading or building the graph.
// The graph package knows nothing of rules; analyzers turn problems into
// findings with IDs and severities.
type ProblemKind string

// The kinds of loading problems are yamldoc's, under the same names and
// values; the graph adds those of building resources.
const (
	ProblemSyntax                      = ProblemKind(yamldoc.ProblemSyntax)          // the YAML does not parse
	ProblemDuplicateKey                = ProblemKind(yamldoc.ProblemDuplicateKey)    // a mapping repeats a key
	ProblemInvalidResource             = ProblemKind(yamldoc.ProblemInvalidResource) // not a Kubernetes object (no kind, name…)
	ProblemLimit                       = ProblemKind(yamldoc.ProblemLimit)           // a safety limit was hit
	ProblemHelmChart                   = ProblemKind(yamldoc.ProblemHelmChart)       // a Helm chart, not linted unrendered
	ProblemTemplate                    = ProblemKind(yamldoc.ProblemTemplate)        // template syntax: YAML only once rendered
	ProblemSpecDecode      ProblemKind = "spec-decode"                               // an Istio spec that does not decode
)

// Problem is something the loader or the graph builder could not accept.
type Problem struct {
	Kind     ProblemKind
	Location Location
	Message  string
	// Resource is set when the problem belongs to a resource in the graph.
	Resource *Resource
	// Path is the field path inside Resource, when known.
	Path string
	// Related are the other places involved (e.g. the first of two keys).
	Related []RelatedLocation
	// Fix repairs the problem in its file, when the loader knows how.
	Fix *Fix
}

// loadProblem is a problem of loading as the graph reports it.
func loadProblem(p yamldoc.Problem) Problem {
	return Problem{Kind: ProblemKind(p.Kind), Location: p.Location, Message: p.Message, Related: p.Related, Fix: p.Fix}
}

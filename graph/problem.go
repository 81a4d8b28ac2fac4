package graph

// ProblemKind says what went wrong while loading or building the graph.
// The graph package knows nothing of rules; analyzers turn problems into
// findings with IDs and severities.
type ProblemKind string

const (
	ProblemSyntax            ProblemKind = "syntax"             // the YAML does not parse
	ProblemDuplicateKey      ProblemKind = "duplicate-key"      // a mapping repeats a key
	ProblemDuplicateResource ProblemKind = "duplicate-resource" // kind/namespace/name defined twice
	ProblemInvalidResource   ProblemKind = "invalid-resource"   // not a Kubernetes object (no kind, name…)
	ProblemSpecDecode        ProblemKind = "spec-decode"        // an Istio spec that does not decode
	ProblemLimit             ProblemKind = "limit"              // a safety limit was hit
	ProblemHelmChart         ProblemKind = "helm-chart"         // a Helm chart, not linted unrendered
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
	// Related are the other places involved (e.g. the first definition of a duplicate).
	Related []RelatedLocation
}

// RelatedLocation is another place a finding or problem refers to.
type RelatedLocation struct {
	Location Location
	Message  string
}

package yamldoc

// ProblemKind says what went wrong while loading a file.
type ProblemKind string

const (
	ProblemSyntax          ProblemKind = "syntax"           // the YAML does not parse
	ProblemDuplicateKey    ProblemKind = "duplicate-key"    // a mapping repeats a key
	ProblemInvalidResource ProblemKind = "invalid-resource" // a document that is not a mapping
	ProblemLimit           ProblemKind = "limit"            // a safety limit was hit
	ProblemHelmChart       ProblemKind = "helm-chart"       // a Helm chart, not linted unrendered
	ProblemTemplate        ProblemKind = "template"         // template syntax: YAML only once rendered
)

// Problem is something the loader could not accept, where it is.
type Problem struct {
	Kind     ProblemKind
	Location Location
	Message  string
	// Related are the other places involved (e.g. the first occurrence of a duplicate key).
	Related []RelatedLocation
	// Fix repairs the problem, when the loader knows how (nil otherwise).
	Fix *Fix
}

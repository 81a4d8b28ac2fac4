package analyzers

import (
	"context"
	"fmt"
	"sync"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// Pass is what a rule sees: the read-only graph, the schemas, and a way to
// report.
type Pass struct {
	Graph    *graph.Graph
	Rule     *Rule
	Schemas  *schemas.Registry
	findings []*Finding
	debug    []string
	// options are the rule's options set in the config (see Option.Value).
	options map[string]any
	// facts holds the run's facts (see Fact.Of), keyed by Requirement.
	facts *sync.Map
	ctx   context.Context
	err   error
}

// Context is the run's context: a rule that may take long (a Rego
// policy) stops when it is done.
func (p *Pass) Context() context.Context {
	if p.ctx == nil {
		return context.Background()
	}
	return p.ctx
}

// Fail ends the rule with an error that fails the run (exit code 2): the
// rule could not be evaluated, e.g. a policy past its deadline. Its
// findings are dropped.
func (p *Pass) Fail(err error) { p.err = err }

// Debugf records a diagnostic about the run itself (not about the input),
// shown with --verbose: e.g. a CEL function meshlint cannot evaluate.
func (p *Pass) Debugf(format string, args ...any) {
	p.debug = append(p.debug, p.Rule.ID+": "+fmt.Sprintf(format, args...))
}

// Report records a finding on the field at path of resource r.
func (p *Pass) Report(r *graph.Resource, path string, format string, args ...any) *Finding {
	f := &Finding{
		Rule: p.Rule, Severity: p.Rule.Severity, Message: fmt.Sprintf(format, args...),
		Resource: r, Path: path, Location: r.Location(path), Key: format,
	}
	p.add(f)
	return f
}

// add keeps a finding unless it is about an implied resource: those are
// Istio's own objects, built by the graph, with no file to fix. The
// finding is still returned to the rule, which may relate to it.
func (p *Pass) add(f *Finding) {
	if f.Resource == nil || f.Resource.Implied == "" {
		p.findings = append(p.findings, f)
	}
}

// ReportKey records a finding on the field at path of resource r, placed
// at its key rather than its value: an unknown or misspelt key, a key set
// twice, a key that is not a valid name.
func (p *Pass) ReportKey(r *graph.Resource, path string, format string, args ...any) *Finding {
	loc := r.Location(path)
	if r.Doc != nil {
		loc = r.Doc.KeyLocation(path)
	}
	return p.ReportAt(loc, r, path, fmt.Sprintf(format, args...)).WithKey(format)
}

// ReportAt records a finding at an explicit location (file-level problems).
func (p *Pass) ReportAt(loc graph.Location, r *graph.Resource, path, message string) *Finding {
	f := &Finding{Rule: p.Rule, Severity: p.Rule.Severity, Message: message, Resource: r, Path: path, Location: loc}
	p.add(f)
	return f
}

// Relate adds a related location to a finding.
func (f *Finding) Relate(loc graph.Location, format string, args ...any) *Finding {
	f.Related = append(f.Related, graph.RelatedLocation{Location: loc, Message: fmt.Sprintf(format, args...)})
	return f
}

// RelateResource adds the field at path of r as a related location. An
// implied resource has no file to point into: its related location has
// none, and its message says what it is instead of the rule's wording
// ("defined here" would send the reader looking for it).
func (f *Finding) RelateResource(r *graph.Resource, path string, format string, args ...any) *Finding {
	if r.Implied != "" {
		return f.Relate(graph.Location{}, "implied: %s, %s", r.Key(), r.Implied)
	}
	return f.Relate(r.Location(path), format, args...)
}

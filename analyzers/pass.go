package analyzers

import (
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
}

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
	p.findings = append(p.findings, f)
	return f
}

// ReportKey records a finding on the field at path of resource r, placed
// at its key rather than its value: an unknown or misspelt key, a key set
// twice, a key that is not a valid name.
func (p *Pass) ReportKey(r *graph.Resource, path string, format string, args ...any) *Finding {
	loc := graph.Location{File: r.Doc.File, Range: r.Doc.KeyRange(path)}
	return p.ReportAt(loc, r, path, fmt.Sprintf(format, args...)).WithKey(format)
}

// ReportAt records a finding at an explicit location (file-level problems).
func (p *Pass) ReportAt(loc graph.Location, r *graph.Resource, path, message string) *Finding {
	f := &Finding{Rule: p.Rule, Severity: p.Rule.Severity, Message: message, Resource: r, Path: path, Location: loc}
	p.findings = append(p.findings, f)
	return f
}

// Relate adds a related location to a finding.
func (f *Finding) Relate(loc graph.Location, format string, args ...any) *Finding {
	f.Related = append(f.Related, graph.RelatedLocation{Location: loc, Message: fmt.Sprintf(format, args...)})
	return f
}

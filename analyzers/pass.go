package analyzers

import (
	"fmt"

	"github.com/meshlint/meshlint/graph"
)

// Pass is what a rule sees: the read-only graph and a way to report.
type Pass struct {
	Graph    *graph.Graph
	Rule     *Rule
	findings []*Finding
}

// Report records a finding on the field at path of resource r.
func (p *Pass) Report(r *graph.Resource, path string, format string, args ...any) *Finding {
	f := &Finding{
		Rule: p.Rule, Severity: p.Rule.Severity, Message: fmt.Sprintf(format, args...),
		Resource: r, Path: path, Location: r.Location(path),
	}
	p.findings = append(p.findings, f)
	return f
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

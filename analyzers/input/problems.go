package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// problemRule builds a rule that reports the loader's problems of one kind.
func problemRule(kind graph.ProblemKind) func(*analyzers.Pass) {
	return problemRuleUnless(kind, nil)
}

// problemRuleUnless is problemRule without the problems that skip says
// another rule reports better.
func problemRuleUnless(kind graph.ProblemKind, skip func(*analyzers.Pass, graph.Problem) bool) func(*analyzers.Pass) {
	return func(p *analyzers.Pass) {
		for _, pr := range p.Graph.Problems {
			if pr.Kind != kind || skip != nil && skip(p, pr) {
				continue
			}
			f := p.ReportAt(pr.Location, pr.Resource, pr.Path, pr.Message)
			f.Related = append(f.Related, pr.Related...)
			if pr.Fix != nil {
				f.WithFix(pr.Fix.Message, pr.Fix.Edits...)
			}
		}
	}
}

package routing

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ServiceEntryConflictingProtocol reports ServiceEntries that give one
// host and port different protocols where some namespace sees both: the
// proxy keeps one of them, so the other's traffic is handled with the
// wrong protocol.
var ServiceEntryConflictingProtocol = &analyzers.Rule{
	ID: "ML2007", Name: "serviceentry-conflicting-protocol", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindServiceEntry},
	Summary:        "ServiceEntries give one host and port different protocols",
	Istio:          []string{"IST0177"},
	IstioAnalyzers: []string{"serviceentry.ConflictingServiceEntryProtocolAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML2007"),
	Run:            runServiceEntryConflictingProtocol,
}

func runServiceEntryConflictingProtocol(p *analyzers.Pass) {
	for _, c := range p.Graph.ServiceEntryProtocolClashes() {
		if c.Entry.Implied != "" {
			continue
		}
		others := make([]string, len(c.Rivals))
		for i, o := range c.Rivals {
			others[i] = vsName(o) + " (" + c.RivalProtocols[i] + ")"
		}
		slices.Sort(others)
		f := p.Report(c.Entry, graph.IndexPath("spec.ports", c.PortIndex)+".protocol",
			"ServiceEntry %s declares host %s port %d as %s, but %s also declare%s it: a proxy keeps one service per host "+
				"(the oldest) and each port number once, so one protocol is silently dropped; give the port one protocol in every ServiceEntry, or merge them",
			vsName(c.Entry), c.Host, c.Port, c.Protocol, strings.Join(others, ", "), plural(len(others)))
		for _, o := range c.Rivals {
			f.RelateResource(o, "metadata.name", "ServiceEntry %s also declares %s port %d", vsName(o), c.Host, c.Port)
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

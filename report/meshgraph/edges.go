package meshgraph

import (
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

// edge draws one graph edge: to each resource and workload it resolves
// to, to an External node when declared outside, else to a Missing node.
func (b *builder) edge(e *graph.Edge) {
	if e.From.Implied != "" && !e.Resolved() {
		return // nothing the files say
	}
	from := b.resource(e.From)
	label := edgeLabel(e)
	base := Edge{From: from, Kind: string(e.Kind), Label: label, Path: e.Path}
	switch {
	case len(e.To) > 0 || len(e.Workloads) > 0:
		for _, to := range e.To {
			base.To = b.target(e, to)
			b.add(base)
		}
		for _, w := range e.Workloads {
			base.To = b.resource(w.Resource)
			b.add(base)
		}
	case e.External:
		base.To = b.special(KindExternal, e)
		b.add(base)
	default:
		b.dangling(e, base)
	}
}

// target is the node an edge to r reaches: for a route's subset, the
// subset's own node, linked to the DestinationRule that defines it.
func (b *builder) target(e *graph.Edge, r *graph.Resource) string {
	id := b.resource(r)
	if e.Kind != graph.EdgeRouteSubset || e.Destination == nil {
		return id
	}
	sub := id + "#" + e.Destination.Subset
	if _, ok := b.nodes[sub]; !ok {
		b.nodes[sub] = &Node{ID: sub, Kind: KindSubset, Group: r.Group, Namespace: r.Namespace, Name: r.Name + " " + e.Destination.Subset}
		b.add(Edge{From: sub, To: id, Kind: KindSubsetOf, Label: "defined in"})
	}
	return sub
}

// dangling draws a reference to nothing. It is red (Broken) when a
// finding of the run reports its field; otherwise the files cannot tell
// (a namespace created elsewhere, a rule switched off) and it is grey.
func (b *builder) dangling(e *graph.Edge, base Edge) {
	rules := b.rulesAt(e)
	id := b.special(KindMissing, e)
	n := b.nodes[id]
	for _, r := range rules {
		if !contains(n.Rules, r) {
			n.Rules = append(n.Rules, r)
		}
	}
	base.To, base.Broken, base.Rules = id, len(rules) > 0, rules
	b.add(base)
	for _, c := range e.Candidates {
		b.add(Edge{From: id, To: b.resource(c), Kind: KindCandidate, Label: "looked in"})
	}
}

// special is the node of a reference's target that is no resource: one
// per edge kind and target, so two routes to one missing host share it.
func (b *builder) special(kind string, e *graph.Edge) string {
	target := e.Target
	if target == "" {
		target = e.Ref
	}
	ns := ""
	if i := strings.IndexByte(target, '/'); i > 0 && e.Kind == graph.EdgeGateway {
		ns = target[:i]
	}
	id := strings.ToLower(kind) + ":" + string(e.Kind) + ":" + target
	if _, ok := b.nodes[id]; !ok {
		b.nodes[id] = &Node{ID: id, Kind: kind, Namespace: ns, Name: targetName(e, target)}
	}
	return id
}

// targetName says what the reference looked for.
func targetName(e *graph.Edge, target string) string {
	switch e.Kind {
	case graph.EdgeGatewayWorkload, graph.EdgeServiceWorkload, graph.EdgePolicyWorkload:
		return "workloads " + target
	case graph.EdgeRouteSubset:
		if e.Destination != nil {
			return fmt.Sprintf("subset %s of %s", e.Destination.Subset, e.Destination.Host)
		}
	}
	return target
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

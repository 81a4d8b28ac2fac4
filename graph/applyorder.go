package graph

// Apply order is the order in which `kubectl apply -f A -f B` creates the
// input's objects: files in the order the graph loads them (source.ReadSources
// keeps the paths in the order given and walks a directory as kubectl
// does, each level by name, -R included), and each file's documents in
// file order. A tool that applies in that order creates an object before
// every object later in the input, and the last copy of an object wins.

// ApplyIndex is r's position in apply order; the resources Istio creates
// by itself (implied) exist before any input is applied and have -1.
func (r *Resource) ApplyIndex() int {
	if r.Implied != "" {
		return -1
	}
	return r.applyIndex
}

// AppliedBefore reports whether a is created before b when the input is
// applied in order.
func AppliedBefore(a, b *Resource) bool { return a.ApplyIndex() < b.ApplyIndex() }

// FirstCopy is the copy of r's object that the input applies first: the
// object exists from then on, whichever copy wins in the end.
func (g *Graph) FirstCopy(r *Resource) *Resource {
	if r.Implied != "" {
		return r
	}
	first := r
	for _, c := range g.Copies(r.Key()) {
		if AppliedBefore(c, first) {
			first = c
		}
	}
	return first
}

// FirstApplied is the earliest in apply order of rs and their copies, nil
// when rs is empty.
func (g *Graph) FirstApplied(rs []*Resource) *Resource {
	var first *Resource
	for _, r := range rs {
		if c := g.FirstCopy(r); first == nil || AppliedBefore(c, first) {
			first = c
		}
	}
	return first
}

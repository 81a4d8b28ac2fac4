package graph

// AllEdges returns every edge of every kind, in resource then field order:
// for pictures of the whole graph, which draw kinds they do not know.
func (g *Graph) AllEdges() []*Edge { return g.edges }

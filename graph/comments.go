package graph

import "github.com/meshlint/meshlint/graph/yamldoc"

// Comment is a YAML comment with its position (see yamldoc.Comment).
type Comment = yamldoc.Comment

// Comments maps each analyzed file to its comments whose text contains
// substr, in file order; files without one are absent. Directives in
// comments (meshlint's suppressions) are found through it, so that what
// counts as a comment is decided in one place.
func (g *Graph) Comments(substr string) map[string][]Comment {
	out := map[string][]Comment{}
	for _, f := range g.Files {
		if cs := f.Comments(substr); len(cs) > 0 {
			out[f.Path] = cs
		}
	}
	return out
}

// Package yamldoc is meshlint's document model: YAML files cut into
// documents, each with its node tree and the file's absolute line and
// column for every node, under limits on size, nodes, nesting and alias
// expansion that a pre-scan enforces before parsing. Every failure becomes
// a Problem with a position; the documents that parsed are kept. It knows
// nothing of Kubernetes objects beyond Lists: the graph builds resources
// from the documents.
package yamldoc

// Position is a 1-based line and column in a source file.
type Position struct {
	Line   int
	Column int
}

// Range spans from Start to End; End is exclusive (the column after the
// last character), as SARIF and most editors expect.
type Range struct {
	Start Position
	End   Position
}

// Location is a range in a named file.
type Location struct {
	File string
	Range
}

// RelatedLocation is another place a finding or problem refers to.
type RelatedLocation struct {
	Location Location
	Message  string
}

// Before reports whether p comes before q in a file: an earlier line, or
// the same line and an earlier column. Every ordering of findings and
// fields by position goes through it.
func (p Position) Before(q Position) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Column < q.Column)
}

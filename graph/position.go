package graph

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

// Before reports whether p comes before q in a file: an earlier line, or
// the same line and an earlier column. Every ordering of findings and
// fields by position goes through it.
func (p Position) Before(q Position) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Column < q.Column)
}

package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/internal/parallel"
	yaml "go.yaml.in/yaml/v3"
)

// Limits bound the work spent on one input so that hostile files cannot
// exhaust memory or time. Zero values mean the defaults.
type Limits struct {
	MaxFileBytes int // bytes per file
	MaxDocuments int // YAML documents per file
	MaxNodes     int // nodes per YAML document, as written (an alias is one node)
	MaxDepth     int // collections nested in one another
	// MaxAliasExpanded is how many nodes aliases and merge keys may add to
	// one document when they are expanded.
	MaxAliasExpanded int
}

// DefaultLimits are generous for real manifests and small enough to keep a
// single hostile file from taking more than a few hundred MB:
//   - 64 MB per file lets a ConfigMap with a 20 MB value through;
//   - a million nodes per document takes about 300 MB to parse, and is far
//     beyond what the API server stores in one object (etcd's limit is
//     1.5 MB, about 750,000 nodes of the densest JSON);
//   - real manifests nest a few dozen levels; 1,000 keeps every recursive
//     walk in meshlint shallow, well below yaml.v3's own 10,000.
var DefaultLimits = Limits{
	MaxFileBytes:     64 << 20,
	MaxDocuments:     100_000,
	MaxNodes:         1_000_000,
	MaxDepth:         1_000,
	MaxAliasExpanded: 1_000_000,
}

// WithDefaults returns l with each zero (or negative) limit set to its default.
func (l Limits) WithDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxFileBytes, DefaultLimits.MaxFileBytes)
	def(&l.MaxDocuments, DefaultLimits.MaxDocuments)
	def(&l.MaxNodes, DefaultLimits.MaxNodes)
	def(&l.MaxDepth, DefaultLimits.MaxDepth)
	def(&l.MaxAliasExpanded, DefaultLimits.MaxAliasExpanded)
	return l
}

// errExpansionLimit and errDepthLimit stop converting a document whose
// aliases expand past the limits (the "billion laughs" attack);
// errTotalExpansion refuses a document whose aliases fit its own limit but
// not what the documents before it left of the budget of all inputs.
var (
	errExpansionLimit = errors.New("alias expansion exceeds the limit")
	errDepthLimit     = errors.New("alias expansion nests too deep")
	errTotalExpansion = errors.New("alias expansion exceeds the limit of all inputs")
)

// expansionProblem describes a document whose conversion hit a limit.
func expansionProblem(d *Document, err error, l Limits) Problem {
	msg := fmt.Sprintf("document not analyzed: its aliases expand to more than %d extra nodes (--max-alias-expansion)", l.MaxAliasExpanded)
	switch {
	case errors.Is(err, errDepthLimit):
		msg = fmt.Sprintf("document not analyzed: its aliases nest deeper than %d levels (--max-depth)", l.MaxDepth)
	case errors.Is(err, errTotalExpansion):
		msg = fmt.Sprintf("document not analyzed: its aliases would take the nodes aliases add to all files together past %d (%d times --max-alias-expansion)", totalExpansionFactor*l.MaxAliasExpanded, totalExpansionFactor)
	}
	return Problem{Kind: ProblemLimit, Location: d.Start(), Message: msg}
}

// totalExpansionFactor bounds what aliases add to all inputs together to
// this many times MaxAliasExpanded. The per-document limit alone lets a
// 300-byte document add a million nodes, so 100 such documents (30 KB, in
// one file or many) took 2 GB and 10 s; real manifests use anchors for a
// few labels or a container, far below 4 million extra nodes.
const totalExpansionFactor = 4

// refuseTotalExpansion decides, before any value is built, which
// documents the alias limits refuse: those whose aliases expand past
// MaxAliasExpanded (errExpansionLimit; converting them would build that
// many nodes first), and, in document order so that the outcome does not
// depend on scheduling, those the budget of all inputs cannot afford
// (errTotalExpansion). A document the count cannot judge (an anchor inside
// itself, aliases nested too deep) is left to the converter, which
// refuses it.
func refuseTotalExpansion(docs []*Document, l Limits) []error {
	extra := make([]int, len(docs)) // -1: left to the converter
	parallel.For(len(docs), func(i int) {
		if !docs[i].aliases {
			return // nothing to expand (and the tree may be released)
		}
		n, ok := aliasExpansion(docs[i].Root(), l.MaxAliasExpanded, l.MaxDepth)
		if !ok {
			n = -1
		}
		extra[i] = n
	})
	errs := make([]error, len(docs))
	left := totalExpansionFactor * l.MaxAliasExpanded
	for i, n := range extra {
		switch {
		case n < 0:
		case n > l.MaxAliasExpanded:
			errs[i] = errExpansionLimit
		case n > left:
			errs[i] = errTotalExpansion
		default:
			left -= n
		}
	}
	return errs
}

func (lf *LoadedFile) limitProblem(line int, format string, args ...any) {
	lf.limitProblemAt(Position{line, 1}, format, args...)
}

func (lf *LoadedFile) limitProblemAt(p Position, format string, args ...any) {
	lf.claimsObject = true // what the file holds cannot be told
	lf.Problems = append(lf.Problems, Problem{
		Kind:     ProblemLimit,
		Location: Location{File: lf.Path, Range: Range{Start: p, End: p}},
		Message:  fmt.Sprintf(format, args...),
	})
}

// fileNodesFactor bounds a file's documents together to this many times
// MaxNodes: otherwise a 64 MB file of documents each just under MaxNodes
// would hold 30 million nodes (about 9 GB). 4 million nodes is about what
// a file at the size limit holds when it is made of ordinary manifests.
const fileNodesFactor = 4

// checkText refuses a document before parsing when the pre-scan counts
// too many nodes, in the document or in the file so far: parsing would take
// the memory the limit protects. more is false when the rest of the file
// is refused too.
func (lf *LoadedFile) checkText(ch chunk, l Limits) (scan textScan, parse, more bool) {
	scan = prescan(ch.text, ch.firstLine, l.MaxDepth)
	if scan.nodes > l.MaxNodes {
		lf.limitProblem(contentStart(ch), "document has about %d YAML nodes, over the limit of %d; not linted (--max-nodes)", scan.nodes, l.MaxNodes)
		return scan, false, true
	}
	if lf.nodes += scan.nodes; lf.nodes > fileNodesFactor*l.MaxNodes {
		lf.limitProblem(contentStart(ch), "file has more than %d YAML nodes (%d times --max-nodes); this document and the rest are not linted", fileNodesFactor*l.MaxNodes, fileNodesFactor)
		return scan, false, false
	}
	return scan, true, true
}

// checkTree checks a parsed document, whose lines are offset lines above
// their line in the file, against the node and depth limits; the pre-scan
// only estimates both.
func (lf *LoadedFile) checkTree(root *yaml.Node, offset int, l Limits) (aliases, ok bool) {
	w := treeWalk{maxDepth: l.MaxDepth}
	w.walk(root, 0)
	switch {
	case w.deep != nil:
		lf.limitProblemAt(Position{offset + w.deep.Line, w.deep.Column}, "document nests deeper than %d levels here; not linted (--max-depth)", l.MaxDepth)
	case w.nodes > l.MaxNodes:
		lf.limitProblem(offset+root.Line, "document has %d YAML nodes, over the limit of %d; not linted (--max-nodes)", w.nodes, l.MaxNodes)
	default:
		return w.aliases, true
	}
	return false, false
}

// treeWalk counts the nodes of a tree as written (aliases not followed)
// and finds the first collection nested deeper than maxDepth.
type treeWalk struct {
	maxDepth int
	nodes    int
	deep     *yaml.Node
	aliases  bool // the tree holds an alias
}

func (w *treeWalk) walk(n *yaml.Node, depth int) {
	w.nodes++
	w.aliases = w.aliases || n.Kind == yaml.AliasNode
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		if depth++; depth > w.maxDepth {
			w.deep = n
			return
		}
	}
	for _, c := range n.Content {
		if w.walk(c, depth); w.deep != nil {
			return
		}
	}
}

// depthProblem turns yaml.v3's own nesting error into a limit problem at
// the line where the document crossed MaxDepth, if the pre-scan saw it.
func (lf *LoadedFile) depthProblem(err error, ch chunk, scan textScan, l Limits) bool {
	if !strings.Contains(err.Error(), fmt.Sprintf("exceeded max depth of %d", maxParserDepth)) {
		return false
	}
	if scan.deep.Line > 0 && l.MaxDepth < maxParserDepth {
		lf.limitProblemAt(scan.deep, "document nests deeper than %d levels here; not linted (--max-depth)", l.MaxDepth)
		return true
	}
	p := syntaxProblem(lf.Path, err, ch, lf.text, &lf.relocateBudget)
	lf.limitProblem(p.Location.Start.Line, "document nests deeper than %d levels, the most the YAML parser accepts; not linted", maxParserDepth)
	return true
}

// contentStart is the first line of a chunk with content, or its first
// line when it has none.
func contentStart(ch chunk) int {
	if line, ok := firstContentLine(ch); ok {
		return line
	}
	return ch.firstLine
}

// firstContentLine is the first line of a chunk with content: not blank,
// not a comment or directive, not a bare `---`. ok is false when the chunk
// has none: it is an empty document.
func firstContentLine(ch chunk) (line int, ok bool) {
	line = ch.firstLine - 1
	for l := range bytes.Lines(ch.text) {
		line++
		l = bytes.TrimSuffix(l, []byte("\n"))
		t := bytes.TrimSpace(l)
		if isDocumentStart(l) {
			t = bytes.TrimSpace(t[3:])
		}
		if len(t) > 0 && t[0] != '#' && t[0] != '%' {
			return line, true
		}
	}
	return 0, false
}

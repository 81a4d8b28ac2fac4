package lifecycle

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// lateDefinition is an object applied after the objects that need it: the
// finding goes at the later object, and each earlier one is related, so
// that --only on either file keeps it.
type lateDefinition struct {
	def     *graph.Resource
	path    string // the field of def the finding points at
	earlier []*graph.Resource
	paths   []string // the field of each earlier resource
}

type defField struct {
	def  *graph.Resource
	path string
}

// lateDefinitions groups the needs by the object they need, in the order
// they are found, so that findings come out in a stable order.
type lateDefinitions struct {
	byField map[defField]*lateDefinition
	order   []*lateDefinition
}

func (l *lateDefinitions) add(def *graph.Resource, path string, earlier *graph.Resource, earlierPath string) {
	if l.byField == nil {
		l.byField = map[defField]*lateDefinition{}
	}
	k := defField{def, path}
	d := l.byField[k]
	if d == nil {
		d = &lateDefinition{def: def, path: path}
		l.byField[k] = d
		l.order = append(l.order, d)
	}
	if slices.Contains(d.earlier, earlier) {
		return // one related location per object, at its first need
	}
	d.earlier = append(d.earlier, earlier)
	d.paths = append(d.paths, earlierPath)
}

// describe names the earlier objects: the first, and how many more.
func (d *lateDefinition) describe() string {
	s := name(d.earlier[0])
	if n := len(d.earlier) - 1; n > 0 {
		s += fmt.Sprintf(" and %d more", n)
	}
	return s
}

// name is the kind and name of r, with the namespace only when the
// document writes it: the graph's default is a guess, and a custom kind
// may be cluster-scoped.
func name(r *graph.Resource) string {
	if r.NamespaceDefaulted {
		return r.Kind + " " + r.Name
	}
	return r.Kind + " " + r.NamespacedName()
}

// relateEarlier adds each earlier object as a related location.
func (d *lateDefinition) relateEarlier(f *analyzers.Finding, what string) {
	for i, r := range d.earlier {
		f.RelateResource(r, d.paths[i], "%s %s, earlier in the input", name(r), what)
	}
}

// fixOrder offers to move the later object's document, whole and with its
// `---`, to just before the first of the objects that need it, when they
// are all in its file: across files, the order is the command line's,
// which the files cannot change. A document that shares its place with
// another (a List item, two documents between markers) is not moved.
func (d *lateDefinition) fixOrder(f *analyzers.Finding) {
	def := d.def
	if def.Doc == nil {
		return
	}
	text, from, ok := def.Doc.Block()
	if !ok {
		return
	}
	var target *graph.Resource
	for _, r := range d.earlier {
		if r.Doc == nil || r.Doc.File != def.Doc.File {
			return
		}
		if target == nil || r.Doc.Index < target.Doc.Index {
			target = r
		}
	}
	targetText, to, ok := target.Doc.Block()
	if !ok || !to.Start.Before(from.Start) {
		return
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if startsDocument(targetText) {
		if !startsDocument(text) {
			text = "---\n" + text
		}
	} else {
		// Before the file's first document, which has no marker: the
		// moved one goes first without its own, and a marker follows.
		if line, rest, _ := strings.Cut(text, "\n"); strings.TrimRight(line, " \t\r") == "---" {
			text = rest
		}
		text += "---\n"
	}
	f.WithFix(fmt.Sprintf("move %s before %s", name(def), name(target)),
		graph.Edit{Range: graph.Range{Start: to.Start, End: to.Start}, NewText: text},
		graph.Edit{Range: from})
}

// startsDocument reports whether text begins with a `---` marker line.
func startsDocument(text string) bool {
	line, _, _ := strings.Cut(text, "\n")
	return line == "---" || strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "---\t") || line == "---\r"
}

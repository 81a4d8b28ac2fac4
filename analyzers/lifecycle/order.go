package lifecycle

import (
	"fmt"
	"slices"

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

package meshgraph

import (
	"fmt"
	"strings"
)

// nodeShape is how a node kind is drawn: DOT shape and fill, and the
// Mermaid brackets that open and close the node's label.
type nodeShape struct {
	dot, fill   string
	open, close string
}

var shapes = map[string]nodeShape{
	"Gateway":         {"house", "#ddf4ff", "{{", "}}"},
	"VirtualService":  {"box", "#dafbe1", "[", "]"},
	"HTTPRoute":       {"box", "#dafbe1", "[", "]"},
	"GRPCRoute":       {"box", "#dafbe1", "[", "]"},
	"TCPRoute":        {"box", "#dafbe1", "[", "]"},
	"TLSRoute":        {"box", "#dafbe1", "[", "]"},
	"DestinationRule": {"box", "#fbefff", "[", "]"},
	KindSubset:        {"ellipse", "#fbefff", "([", "])"},
	"Service":         {"ellipse", "#fff8c5", "([", "])"},
	"ServiceEntry":    {"ellipse", "#fff8c5", "([", "])"},
	KindMissing:       {"octagon", "#ffebe9", "[[", "]]"},
	KindExternal:      {"ellipse", "#f6f8fa", "([", "])"},
	"Pod":             workloadShape,
	"Deployment":      workloadShape,
	"StatefulSet":     workloadShape,
	"DaemonSet":       workloadShape,
	"ReplicaSet":      workloadShape,
	"Job":             workloadShape,
	"CronJob":         workloadShape,
}

var (
	defaultShape  = nodeShape{"note", "#f6f8fa", "[", "]"}
	workloadShape = nodeShape{"component", "#ffffff", "[/", "/]"}
)

func shapeOf(n *Node) nodeShape {
	if s, ok := shapes[n.Kind]; ok {
		return s
	}
	return defaultShape
}

// labelLines are a node's label: its kind, then its name and what else
// matters (mesh verdict, implied, the rules that report it missing).
func labelLines(n *Node) []string {
	switch n.Kind {
	case KindMissing:
		lines := []string{"missing", n.Name}
		if len(n.Rules) > 0 {
			lines = append(lines, strings.Join(n.Rules, ", "))
		} else {
			lines = append(lines, "not in the files")
		}
		return lines
	case KindExternal:
		return []string{"external", n.Name}
	case KindSubset:
		return []string{"subset", n.Name}
	}
	lines := []string{n.Kind, n.Name}
	if n.Mesh != "" {
		lines[0] += " · " + n.Mesh
	}
	if n.Implied != "" {
		lines = append(lines, "(implied)")
	}
	return lines
}

// clusters groups node indexes by namespace, "" (cluster-scoped and
// missing targets of no namespace) first; namespaces sorted.
func clusters(m *Graph) (names []string, members map[string][]int) {
	members = map[string][]int{}
	for i, n := range m.Nodes {
		if _, ok := members[n.Namespace]; !ok {
			names = append(names, n.Namespace)
		}
		members[n.Namespace] = append(members[n.Namespace], i)
	}
	sortStrings(names)
	return names, members
}

// ids gives each node a short identifier safe in DOT and Mermaid, by
// its position in the sorted node list.
func ids(m *Graph) map[string]string {
	out := make(map[string]string, len(m.Nodes))
	for i, n := range m.Nodes {
		out[n.ID] = fmt.Sprintf("n%d", i)
	}
	return out
}

// edgeColor: red for broken references, grey for unresolved ones no
// finding reports, else the kind's colour.
func edgeColor(e *Edge) (color string, dashed bool) {
	s := styleOf(e.Kind)
	switch {
	case e.Broken:
		return brokenColor, true
	case strings.HasPrefix(e.To, "missing:"):
		return unknownGrey, true
	}
	return s.Color, s.Dashed || strings.HasPrefix(e.To, "external:")
}

func edgeText(e *Edge) string {
	if len(e.Rules) == 0 {
		return e.Label
	}
	if e.Label == "" {
		return strings.Join(e.Rules, ", ")
	}
	return e.Label + " (" + strings.Join(e.Rules, ", ") + ")"
}

package meshgraph

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteDOT renders m for Graphviz: namespaces as clusters, broken
// references red and dashed.
func WriteDOT(w io.Writer, m *Graph) error {
	bw := bufio.NewWriter(w)
	id := ids(m)
	fmt.Fprintln(bw, "digraph meshlint {")
	fmt.Fprintln(bw, `  rankdir=LR; compound=true; fontname="Helvetica"; fontsize=12;`)
	fmt.Fprintln(bw, `  node [fontname="Helvetica", fontsize=10, style=filled, color="#57606a"];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=9];`)
	names, members := clusters(m)
	for ci, ns := range names {
		indent := "  "
		if ns != "" {
			fmt.Fprintf(bw, "  subgraph cluster_%d {\n    label=%s; style=rounded; color=\"#8c959f\";\n", ci, dotQuote("namespace "+ns))
			indent = "    "
		}
		for _, i := range members[ns] {
			n := m.Nodes[i]
			fmt.Fprintf(bw, "%s%s [%s];\n", indent, id[n.ID], dotNodeAttrs(n))
		}
		if ns != "" {
			fmt.Fprintln(bw, "  }")
		}
	}
	for _, e := range m.Edges {
		color, dashed := edgeColor(e)
		attrs := fmt.Sprintf("color=%s, fontcolor=%s", dotQuote(color), dotQuote(color))
		if dashed {
			attrs += ", style=dashed"
		}
		if e.Broken {
			attrs += ", penwidth=2"
		}
		if t := edgeText(e); t != "" {
			attrs += ", label=" + dotQuote(t)
		}
		fmt.Fprintf(bw, "  %s -> %s [%s];\n", id[e.From], id[e.To], attrs)
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

func dotNodeAttrs(n *Node) string {
	s := shapeOf(n)
	attrs := fmt.Sprintf("label=%s, shape=%s, fillcolor=%s", dotQuote(strings.Join(labelLines(n), "\n")), s.dot, dotQuote(s.fill))
	switch {
	case n.Kind == KindMissing && len(n.Rules) > 0:
		attrs += fmt.Sprintf(", color=%s, fontcolor=%s, style=\"filled,dashed\", penwidth=2", dotQuote(brokenColor), dotQuote(brokenColor))
	case n.Kind == KindMissing || n.Kind == KindExternal || n.Implied != "":
		attrs += ", style=\"filled,dashed\""
	}
	return attrs
}

// dotQuote quotes s as a DOT string: backslash and double quote escaped,
// line breaks as \n (centred lines).
func dotQuote(s string) string { return `"` + dotEscaper.Replace(s) + `"` }

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", `\n`)

func sortStrings(s []string) { sort.Strings(s) }

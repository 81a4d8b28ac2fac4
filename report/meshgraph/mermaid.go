package meshgraph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMermaid renders m as a Mermaid flowchart (GitHub renders it in
// Markdown): namespaces as subgraphs, broken references red and dashed.
func WriteMermaid(w io.Writer, m *Graph) error {
	bw := bufio.NewWriter(w)
	id := ids(m)
	fmt.Fprintln(bw, "flowchart LR")
	names, members := clusters(m)
	for ci, ns := range names {
		indent := "  "
		if ns != "" {
			fmt.Fprintf(bw, "  subgraph ns%d[%s]\n", ci, mermaidQuote("namespace "+ns))
			indent = "    "
		}
		for _, i := range members[ns] {
			n := m.Nodes[i]
			s := shapeOf(n)
			fmt.Fprintf(bw, "%s%s%s%s%s\n", indent, id[n.ID], s.open, mermaidQuote(strings.Join(labelLines(n), "\n")), s.close)
		}
		if ns != "" {
			fmt.Fprintln(bw, "  end")
		}
	}
	for _, e := range m.Edges {
		arrow := "-->"
		if _, dashed := edgeColor(e); dashed {
			arrow = "-.->"
		}
		if t := edgeText(e); t != "" {
			arrow += "|" + mermaidQuote(t) + "|"
		}
		fmt.Fprintf(bw, "  %s %s %s\n", id[e.From], arrow, id[e.To])
	}
	writeMermaidStyles(bw, m, id)
	return bw.Flush()
}

// writeMermaidStyles colours missing nodes and every edge: linkStyle
// numbers edges in the order they were written.
func writeMermaidStyles(w io.Writer, m *Graph, id map[string]string) {
	fmt.Fprintf(w, "  classDef missing fill:#ffebe9,stroke:%s,color:%s,stroke-width:2px,stroke-dasharray:5 5\n", brokenColor, brokenColor)
	fmt.Fprintf(w, "  classDef unknown fill:#f6f8fa,stroke:%s,stroke-dasharray:5 5\n", unknownGrey)
	for _, n := range m.Nodes {
		switch {
		case n.Kind == KindMissing && len(n.Rules) > 0:
			fmt.Fprintf(w, "  class %s missing\n", id[n.ID])
		case n.Kind == KindMissing || n.Kind == KindExternal:
			fmt.Fprintf(w, "  class %s unknown\n", id[n.ID])
		}
	}
	for i, e := range m.Edges {
		color, _ := edgeColor(e)
		width := "1px"
		if e.Broken {
			width = "2px"
		}
		fmt.Fprintf(w, "  linkStyle %d stroke:%s,color:%s,stroke-width:%s\n", i, color, color, width)
	}
}

// mermaidQuote quotes s as a Mermaid label: inside double quotes Mermaid
// takes text as is but for its entity codes (#quot; #35; ...) and HTML;
// so quotes, #, <, > and & are written as entity codes and line breaks
// as <br>.
func mermaidQuote(s string) string { return `"` + mermaidEscaper.Replace(s) + `"` }

var mermaidEscaper = strings.NewReplacer(`#`, "#35;", `"`, "#quot;", `<`, "#lt;", `>`, "#gt;", `&`, "#amp;", "|", "#124;", "\r", "", "\n", "<br>")

package coverage

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Formats are the output formats of the coverage command.
func Formats() []string { return []string{"text", "json", "markdown"} }

// Write renders rep in format; ok is false for an unknown format.
func Write(w io.Writer, format string, rep *Report) (ok bool, err error) {
	switch format {
	case "text":
		return true, writeText(w, rep)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return true, enc.Encode(rep)
	case "markdown":
		return true, writeMarkdown(w, rep)
	}
	return false, nil
}

// Summary words totals: "9 workloads: 8 sidecar, 0 ambient, 1 outside,
// 0 unknown; 88.9% in the mesh".
func (t Totals) Summary() string {
	noun := "workloads"
	if t.Workloads == 1 {
		noun = "workload"
	}
	s := fmt.Sprintf("%d %s: %d sidecar, %d ambient, %d outside, %d unknown; %s in the mesh",
		t.Workloads, noun, t.Sidecar, t.Ambient, t.Outside, t.Unknown, t.PercentString())
	if t.OutsideWithPolicy > 0 {
		s += fmt.Sprintf("; %d outside but selected by Istio policy", t.OutsideWithPolicy)
	}
	return s
}

// PercentString is the percentage with one decimal, "n/a" when no
// workload's verdict is known.
func (t Totals) PercentString() string {
	if t.Percent == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", *t.Percent)
}

func writeText(w io.Writer, rep *Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAMESPACE\tWORKLOAD\tMESH\tWHY")
	for _, ns := range rep.Namespaces {
		for _, wl := range ns.Workloads {
			fmt.Fprintf(tw, "%s\t%s %s\t%s\t[%s] %s\n", ns.Name, wl.Kind, wl.Name, mark(wl), wl.Cause, why(wl))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, ns := range rep.Namespaces {
		note := ""
		if !ns.InFiles {
			note = " (no Namespace object in the files)"
		}
		fmt.Fprintf(w, "namespace %s%s: %s\n", ns.Name, note, ns.Totals.Summary())
	}
	_, err := fmt.Fprintf(w, "total: %s\n", rep.Totals.Summary())
	return err
}

// mark is the mode, flagged when policy selects a workload outside.
func mark(wl *Workload) string {
	if len(wl.Policies) > 0 {
		return wl.Mode + " !"
	}
	return wl.Mode
}

func why(wl *Workload) string {
	s := wl.Reason
	if len(wl.Policies) > 0 {
		s += "; selected by " + strings.Join(wl.Policies, ", ") + ", which no proxy enforces"
	}
	return s
}

func writeMarkdown(w io.Writer, rep *Report) error {
	fmt.Fprintln(w, "| namespace | workload | mesh | cause | why |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, ns := range rep.Namespaces {
		for _, wl := range ns.Workloads {
			fmt.Fprintf(w, "| %s | %s %s | %s | %s | %s |\n", md(ns.Name), wl.Kind, md(wl.Name), md(mark(wl)), wl.Cause, md(why(wl)))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| namespace | workloads | sidecar | ambient | outside | unknown | in the mesh |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, ns := range rep.Namespaces {
		writeTotalsRow(w, md(ns.Name), ns.Totals)
	}
	writeTotalsRow(w, "**total**", rep.Totals)
	return nil
}

func writeTotalsRow(w io.Writer, name string, t Totals) {
	fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %s |\n", name, t.Workloads, t.Sidecar, t.Ambient, t.Outside, t.Unknown, t.PercentString())
}

// md escapes what would break a table cell.
func md(s string) string { return mdEscaper.Replace(s) }

var mdEscaper = strings.NewReplacer("|", `\|`, "\n", " ")

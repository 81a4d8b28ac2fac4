package input

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DuplicateResource reports an object defined more than once in the
// analyzed files: once per object, on the copy that wins (the last), with
// the others as related locations. Which copy is applied is the user's
// choice (alternative files are common), so it warns; identical copies
// change nothing and are only noted.
var DuplicateResource = &analyzers.Rule{
	ID: "ML0003", Name: "duplicate-resource", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary: "the same kind, namespace and name is defined more than once",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0003"),
	Run:     runDuplicateResource,
}

func runDuplicateResource(p *analyzers.Pass) {
	for _, r := range p.Graph.Resources {
		if r.ShadowedBy != nil {
			continue // reported once, on the copy that wins
		}
		if copies := p.Graph.Copies(r.Key()); len(copies) > 1 {
			reportCopies(p, r, copies)
		}
	}
}

// reportCopies reports the copies of winner (the last of copies).
func reportCopies(p *analyzers.Pass, winner *graph.Resource, copies []*graph.Resource) {
	where := copyPlaces(copies, winner.Doc.File)
	identical := identicalCopies(copies)
	var f *analyzers.Finding
	if identical {
		f = p.Report(winner, "metadata.name", "%s is defined %d times, identically (%s): %s",
			winner, len(copies), where, remedy(copies))
		f.Severity = analyzers.SeverityInfo
	} else {
		f = p.Report(winner, "metadata.name", "%s is defined %d times (%s): applied together, the last replaces the others; %s",
			winner, len(copies), where, remedy(copies))
	}
	f.WithKey("defined more than once")
	for i, c := range copies[:len(copies)-1] {
		what := "replaced on apply by the last"
		if identical {
			what = "identical to the last"
		}
		f.Relate(c.Location("metadata.name"), "definition %d of %d of %s, %s", i+1, len(copies), c, what)
	}
}

// copyPlaces lists where the copies are, in load order: "line N" in the
// file of the finding, "file:N" elsewhere.
func copyPlaces(copies []*graph.Resource, here string) string {
	places := make([]string, len(copies))
	for i, c := range copies {
		loc := c.Location("metadata.name")
		places[i] = fmt.Sprintf("%s:%d", loc.File, loc.Start.Line)
		if loc.File == here {
			places[i] = fmt.Sprintf("line %d", loc.Start.Line)
		}
	}
	return strings.Join(places[:len(places)-1], ", ") + " and " + places[len(places)-1]
}

// identicalCopies reports whether every copy is the same object once
// parsed (comments and layout aside): then no copy loses anything.
func identicalCopies(copies []*graph.Resource) bool {
	for _, c := range copies[1:] {
		if !reflect.DeepEqual(c.Object, copies[0].Object) {
			return false
		}
	}
	return true
}

// remedy says what to write instead: keep one copy, or, for copies in
// several files, lint alternatives apart; copies that took the default
// namespace are usually files meant for `kubectl apply -n`, which the
// config can map to their namespace.
func remedy(copies []*graph.Resource) string {
	files, defaulted := map[string]bool{}, false
	for _, c := range copies {
		files[c.Doc.File] = true
		defaulted = defaulted || c.NamespaceDefaulted
	}
	switch {
	case len(files) == 1:
		return "keep one definition"
	case defaulted:
		return "keep one definition, lint files that are alternatives in separate runs, " +
			"or give files applied with `kubectl apply -n` their namespace (`namespaces` in .meshlint.yaml)"
	}
	return "keep one definition, or lint files that are alternatives in separate runs"
}

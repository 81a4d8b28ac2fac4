package kustomize

import (
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	yaml "go.yaml.in/yaml/v3"
)

// brokenNotes says, for each patch the build left out, why, at its line.
func brokenNotes(tree []*kustFile, broken map[*patchRef]error) []source.Note {
	var notes []source.Note
	for _, k := range tree {
		for _, p := range k.patches {
			if err := broken[p]; err != nil {
				notes = append(notes, p.note(err))
			}
		}
	}
	return notes
}

// note is the finding for a patch that does not apply.
func (p *patchRef) note(err error) source.Note {
	why := shorten(err.Error())
	name := p.describe()
	switch {
	case p.parseErr != nil:
		return source.Note{Kind: string(yamldoc.ProblemPatchInvalid), Place: p.errAt,
			Message: fmt.Sprintf("%s is not valid YAML (%s): kustomize fails the build; meshlint linted the build without it", name, shorten(p.parseErr.Error()))}
	case targetMissing(why):
		return source.Note{Kind: string(yamldoc.ProblemPatchTarget), Place: p.targetPlace(),
			Message: fmt.Sprintf("%s matches no resource of the build (kustomize: %s): kustomize fails the build; "+
				"name a kind and name the build has; meshlint linted the build without it", name, why)}
	}
	return source.Note{Kind: string(yamldoc.ProblemPatchInvalid), Place: p.opPlace(why),
		Message: fmt.Sprintf("%s does not apply (kustomize: %s): kustomize fails the build; meshlint linted the build without it", name, why)}
}

// describe names the patch as a user finds it.
func (p *patchRef) describe() string {
	if p.file != "" {
		return fmt.Sprintf("patch %s (%s in %s)", p.file, p.entry(), p.kust.path)
	}
	return fmt.Sprintf("inline patch %s", p.entry())
}

// targetMissing reports whether kustomize's error says a patch's target
// is not found (or not unique).
func targetMissing(msg string) bool {
	for _, s := range []string{"no matches for", "unable to find patch target", "no resource matches", "failed to find unique target", "not found"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// shorten makes kustomize's error one line of reasonable length.
func shorten(msg string) string {
	msg = strings.Join(strings.Fields(msg), " ")
	if len(msg) > 300 {
		msg = msg[:297] + "..."
	}
	return msg
}

// entryPlace is the patch's entry in the kustomization, at the field path
// below it (its start when "").
func (p *patchRef) entryPlace(below string) source.Place {
	if p.kust.doc == nil {
		return source.Place{File: p.kust.path, Line: 1, Column: 1, EndLine: 1, EndColumn: 1}
	}
	path := p.entry()
	if below != "" {
		path += "." + below
	}
	return yamldoc.LocationPlace(p.kust.doc.Location(path))
}

// targetPlace is where the patch names its target: the entry's target
// name or kind, else the patch's own metadata.name.
func (p *patchRef) targetPlace() source.Place {
	if _, _, ok := p.kust.doc.Lookup(p.entry() + ".target"); ok {
		if _, _, ok := p.kust.doc.Lookup(p.entry() + ".target.name"); ok {
			return p.entryPlace("target.name")
		}
		return p.entryPlace("target")
	}
	if len(p.docs) > 0 && !p.unplaced {
		if n := mappingValue(mappingValue(p.docs[0], "metadata"), "name"); n != nil {
			return nodePlace(p.where(), n)
		}
	}
	return p.entryPlace("")
}

// opPlace is the JSON 6902 operation kustomize's error is about: one with
// an unknown op, or whose path the error names; else the entry.
func (p *patchRef) opPlace(why string) source.Place {
	if !p.json() || len(p.docs) == 0 || p.unplaced || p.docs[0].Kind != yaml.SequenceNode {
		return p.entryPlace("")
	}
	ops := p.docs[0].Content
	for _, op := range ops {
		switch o := mappingValue(op, "op"); {
		case o == nil:
			return nodePlace(p.where(), op)
		case !validOps[o.Value]:
			return nodePlace(p.where(), o)
		}
	}
	for _, op := range ops {
		if path := mappingValue(op, "path"); path != nil && path.Value != "" && strings.Contains(why, path.Value) {
			return nodePlace(p.where(), path)
		}
	}
	return p.entryPlace("")
}

var validOps = map[string]bool{"add": true, "remove": true, "replace": true, "move": true, "copy": true, "test": true}

func nodePlace(file string, n *yaml.Node) source.Place {
	return yamldoc.LocationPlace(yamldoc.Location{File: file, Range: yamldoc.NodeRange(n)})
}

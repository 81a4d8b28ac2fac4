package kustomize

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/meshlint/meshlint/graph/fieldpath"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	yaml "go.yaml.in/yaml/v3"
)

// patchRef is one patch a kustomization applies, as written.
type patchRef struct {
	kust  *kustFile
	field string // patches, patchesStrategicMerge or patchesJson6902
	index int
	// file is the patch file ("" for a patch written inline); inline
	// patches in block scalars keep the kustomization's lines.
	file string
	docs []*yaml.Node // the patch's documents (their content nodes)
	// parseErr is why the patch text does not parse, at errAt.
	parseErr error
	errAt    source.Place
	// unplaced is true for an inline patch whose positions are not the
	// kustomization's (a quoted scalar): its fields are not mapped to it.
	unplaced bool
	// kind and name select the targets (from target:, or the patch's own).
	kind, name string
}

// entry is the field path of the patch's entry in the kustomization.
func (p *patchRef) entry() string { return fieldpath.Index(p.field, p.index) }

// where is the file the patch's positions are in.
func (p *patchRef) where() string {
	if p.file != "" {
		return p.file
	}
	return p.kust.path
}

// json reports whether the patch is a list of JSON 6902 operations.
func (p *patchRef) json() bool {
	return p.field == "patchesJson6902" || len(p.docs) > 0 && p.docs[0].Kind == yaml.SequenceNode
}

// scanPatches lists the kustomization's patches and reads their text.
func (k *kustFile) scanPatches() error {
	for _, field := range []string{"patches", "patchesStrategicMerge", "patchesJson6902"} {
		list := k.field(field)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for i, item := range list.Content {
			p := &patchRef{kust: k, field: field, index: i}
			if err := p.read(item); err != nil {
				return err
			}
			k.patches = append(k.patches, p)
		}
	}
	return nil
}

// read finds the patch's text (a file, or inline) and its target.
func (p *patchRef) read(item *yaml.Node) error {
	text, inline := p.text(item)
	if text == nil && inline == nil {
		return nil // kustomize says what is wrong with the entry
	}
	if inline == nil {
		if err := p.readFile(string(text)); err != nil {
			return err
		}
	} else if text := inlineText(p.kust.text, inline); text != nil {
		p.parse(text)
	} else {
		p.parse([]byte(inline.Value))
		p.unplaced = true
	}
	p.setTarget(item)
	return nil
}

// text returns the entry's patch file name, or its inline patch node.
func (p *patchRef) text(item *yaml.Node) (file []byte, inline *yaml.Node) {
	if item.Kind == yaml.ScalarNode { // patchesStrategicMerge: a file or a patch
		if strings.Contains(item.Value, "\n") {
			return nil, item
		}
		return []byte(item.Value), nil
	}
	if item.Kind != yaml.MappingNode {
		return nil, nil
	}
	if path := mappingValue(item, "path"); path != nil && path.Kind == yaml.ScalarNode {
		return []byte(path.Value), nil
	}
	if patch := mappingValue(item, "patch"); patch != nil && patch.Kind == yaml.ScalarNode {
		return nil, patch
	}
	return nil, nil
}

// readFile reads a patch file; one that does not exist is an error naming
// the kustomization's line.
func (p *patchRef) readFile(name string) error {
	p.file = filepath.Join(p.kust.dir, name)
	text, err := source.ReadFile(p.file)
	if err != nil {
		return p.kust.errorf(p.entry(), "%s entry %q: %v", p.field, name, unwrap(err))
	}
	p.parse(text)
	return nil
}

func unwrap(err error) error {
	var pe *source.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// inlineText returns an inline patch as text whose lines and columns are
// those of the kustomization file: a block scalar's lines are taken as
// written, indentation included (YAML reads an indented document the same),
// after as many empty lines as come before them. Other scalars give their
// nil: their positions are not the file's.
func inlineText(kust []byte, n *yaml.Node) []byte {
	if n.Style&yaml.LiteralStyle == 0 {
		return nil
	}
	lines := strings.Split(string(kust), "\n")
	count := strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
	if n.Line+count > len(lines) {
		return nil
	}
	var b strings.Builder
	b.WriteString(strings.Repeat("\n", n.Line))
	for _, l := range lines[n.Line : n.Line+count] {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// parse decodes the patch's documents, recording the first syntax error.
func (p *patchRef) parse(text []byte) {
	if text == nil {
		return
	}
	dec := yaml.NewDecoder(bytes.NewReader(text))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			p.parseErr = err
			p.errAt = p.syntaxPlace(text)
			return
		}
		if len(doc.Content) > 0 {
			p.docs = append(p.docs, doc.Content[0])
		}
	}
}

// syntaxPlace is where the loader places the patch's syntax error (it
// corrects yaml.v3's line, which may be that of an enclosing node).
func (p *patchRef) syntaxPlace(text []byte) source.Place {
	for _, pr := range yamldoc.LoadFile(source.Source{Path: p.where(), Content: text}, yamldoc.Limits{}).Problems {
		if pr.Kind == yamldoc.ProblemSyntax {
			p.parseErr = errors.New(pr.Message)
			return yamldoc.LocationPlace(pr.Location)
		}
	}
	return source.Place{File: p.where(), Line: 1, Column: 1, EndLine: 1, EndColumn: 1}
}

// setTarget reads the entry's target, else the patch's own kind and name.
func (p *patchRef) setTarget(item *yaml.Node) {
	if item.Kind == yaml.MappingNode {
		if t := mappingValue(item, "target"); t != nil && t.Kind == yaml.MappingNode {
			p.kind, p.name = scalar(mappingValue(t, "kind")), scalar(mappingValue(t, "name"))
			return
		}
	}
	if len(p.docs) > 0 && p.docs[0].Kind == yaml.MappingNode {
		p.kind = scalar(mappingValue(p.docs[0], "kind"))
		p.name = scalar(mappingValue(mappingValue(p.docs[0], "metadata"), "name"))
	}
}

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

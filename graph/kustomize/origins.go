package kustomize

import (
	"path/filepath"
	"strings"

	"github.com/meshlint/meshlint/graph/fieldpath"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	yaml "go.yaml.in/yaml/v3"
)

// origins places the fields of a build's output (source.Origins): a field
// a patch set at the patch's line, any other at its line in the file the
// resource came from, and a field neither has (a transformer's) at the
// kustomization field that sets it.
type origins struct {
	docs  map[int]*docOrigin // by document index in the output
	files []string           // the files the build read, kustomizations included
}

// Files lists the files the build read: --only reports on them without
// reading them a second time as files of their own.
func (o *origins) Files() []string { return o.files }

// docOrigin is what is known of one resource of the output.
type docOrigin struct {
	rendered *yamldoc.Document
	src      *yamldoc.Document // the document it came from; nil when generated
	kust     *kustFile         // the kustomization to name when nothing else can be
	patched  map[string]place  // rendered field path → the patch node that set it
}

// place is a node of a patch.
type place struct {
	file       string
	key, value *yaml.Node
}

func (p place) at(key bool) source.Place {
	n := p.value
	if key && p.key != nil {
		n = p.key
	}
	return yamldoc.LocationPlace(yamldoc.Location{File: p.file, Range: yamldoc.NodeRange(n)})
}

// Place implements source.Origins. It reads only what newOrigins built, so
// rules may call it concurrently.
func (o *origins) Place(index int, path string, key bool) (source.Place, bool) {
	d := o.docs[index]
	if d == nil {
		return source.Place{}, false
	}
	p := d.existing(path)
	if pl, ok := d.patched[p]; ok {
		return pl.at(key), true
	}
	if d.src != nil {
		if _, _, ok := d.src.Lookup(p); ok {
			if key {
				return yamldoc.LocationPlace(d.src.KeyLocation(p)), true
			}
			return yamldoc.LocationPlace(d.src.Location(p)), true
		}
	}
	return d.kust.transformerPlace(p, d.src == nil), true
}

// existing is the longest prefix of path that the rendered document has:
// a rule reports a missing field at its parent.
func (d *docOrigin) existing(path string) string {
	segs, err := fieldpath.Parse(path)
	if err != nil {
		return ""
	}
	for n := len(segs); n > 0; n-- {
		p := joinSegments(segs[:n])
		if _, _, ok := d.rendered.Lookup(p); ok {
			return p
		}
	}
	return ""
}

func joinSegments(segs []fieldpath.Segment) string {
	p := ""
	for _, s := range segs {
		if s.IsIndex {
			p = fieldpath.Index(p, s.Index)
		} else {
			p = fieldpath.Join(p, s.Key)
		}
	}
	return p
}

// transformers are the kustomization fields that add a field to resources
// without a file line of their own, by the rendered field path they set.
var transformers = []struct{ prefix, fields string }{
	{"metadata.namespace", "namespace"},
	{"metadata.name", "namePrefix nameSuffix"},
	{"metadata.labels", "labels commonLabels"},
	{"spec.selector", "labels commonLabels"},
	{"spec.template.metadata.labels", "labels commonLabels"},
	{"metadata.annotations", "commonAnnotations"},
	{"spec.template.metadata.annotations", "commonAnnotations"},
	{"spec.replicas", "replicas"},
	{"spec.template.spec.containers", "images"},
}

// generators are the kustomization fields that make whole resources.
var generators = []struct{ prefix, fields string }{{"", "configMapGenerator secretGenerator"}}

// transformerPlace is the kustomization field that likely set the field
// at path, else the kustomization's start.
func (k *kustFile) transformerPlace(path string, generated bool) source.Place {
	fields := transformers
	if generated {
		fields = generators
	}
	for _, t := range fields {
		if path != t.prefix && !strings.HasPrefix(path, t.prefix+".") && !strings.HasPrefix(path, t.prefix+"[") && t.prefix != "" {
			continue
		}
		for _, f := range strings.Fields(t.fields) {
			if k.field(f) != nil {
				return yamldoc.LocationPlace(yamldoc.Location{File: k.path, Range: k.doc.KeyRange(f)})
			}
		}
	}
	if k.doc == nil {
		return source.Place{File: k.path, Line: 1, Column: 1, EndLine: 1, EndColumn: 1}
	}
	return yamldoc.LocationPlace(k.doc.Start())
}

// newOrigins matches each rendered document with the file and document it
// came from (kustomize's origin annotation, read before it was stripped)
// and with the patches that set its fields.
func newOrigins(tree []*kustFile, rendered []*yamldoc.Document, from []origin, applied func(*patchRef) bool) *origins {
	top := tree[len(tree)-1]
	o := &origins{docs: map[int]*docOrigin{}}
	files := map[string][]*yamldoc.Document{}
	for i, d := range rendered {
		do := &docOrigin{rendered: d, kust: top, patched: map[string]place{}}
		if i < len(from) {
			do.locate(tree, from[i], files)
		}
		o.docs[d.Index] = do
	}
	for f, docs := range files {
		if docs != nil {
			o.files = append(o.files, f)
		}
	}
	for _, k := range tree {
		o.files = append(o.files, k.path)
		for _, p := range k.patches {
			if p.file != "" {
				o.files = append(o.files, p.file)
			}
			if applied(p) && !p.unplaced {
				for _, do := range o.docs {
					do.recordPatch(p)
				}
			}
		}
	}
	return o
}

// origin is what kustomize's origin annotation says: the file a resource
// was read from, or the kustomization whose generator made it; both
// relative to the top kustomization's directory.
type origin struct {
	path, configuredIn string
}

// locate finds the document the resource came from, or the kustomization
// that generated it.
func (d *docOrigin) locate(tree []*kustFile, from origin, files map[string][]*yamldoc.Document) {
	top := tree[len(tree)-1]
	if from.path != "" && from.configuredIn == "" {
		d.src = sourceDocument(filepath.Join(top.dir, from.path), d.rendered, files)
		return
	}
	if from.configuredIn != "" {
		want := absPath(filepath.Join(top.dir, from.configuredIn))
		for _, k := range tree {
			if absPath(k.path) == want {
				d.kust = k
			}
		}
	}
}

// sourceDocument finds the document of file that a rendered document came
// from: the same kind, and the name kustomize then prefixed or suffixed.
func sourceDocument(file string, rendered *yamldoc.Document, files map[string][]*yamldoc.Document) *yamldoc.Document {
	docs, ok := files[file]
	if !ok {
		if text, err := source.ReadFile(file); err == nil {
			docs = yamldoc.LoadFile(source.Source{Path: filepath.Clean(file), Content: text}, yamldoc.Limits{}).Documents
		}
		files[file] = docs
	}
	kind, name := identity(rendered.Root())
	var best *yamldoc.Document
	bestLen := -1
	for _, d := range docs {
		k, n := identity(d.Root())
		if k == kind && strings.Contains(name, n) && len(n) > bestLen {
			best, bestLen = d, len(n)
		}
	}
	return best
}

// identity is an object's kind and name.
func identity(root *yaml.Node) (kind, name string) {
	return scalar(mappingValue(root, "kind")), scalar(mappingValue(mappingValue(root, "metadata"), "name"))
}

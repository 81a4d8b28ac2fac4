package kustomize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/graph/fieldpath"
	yaml "go.yaml.in/yaml/v3"
)

// recordPatch records the fields of d that patch p set. Only a value the
// output holds unchanged counts: a later patch or transformer that changed
// it owns it, and a patch matched too widely (a name selector is a regular
// expression) records nothing where its values are not.
func (d *docOrigin) recordPatch(p *patchRef) {
	root := d.rendered.Root()
	if root == nil || !p.targets(root) {
		return
	}
	if p.json() {
		if len(p.docs) > 0 {
			d.recordOps(p, p.docs[0], root)
		}
		return
	}
	for _, doc := range p.docs {
		if p.kind == "" && p.name == "" || sameTarget(doc, root) || len(p.docs) == 1 {
			d.walk(p.where(), nil, doc, root, "", true)
		}
	}
}

// targets reports whether the patch's target selects the rendered object.
// Names are compared loosely (prefixes and suffixes were added after the
// patch was written, or before it); recording then checks values.
func (p *patchRef) targets(root *yaml.Node) bool {
	kind, name := identity(root)
	if p.kind != "" && p.kind != kind {
		return false
	}
	if p.name == "" || strings.Contains(name, p.name) {
		return true
	}
	re, err := regexp.Compile("^(?:" + p.name + ")$")
	return err == nil && re.MatchString(name)
}

// sameTarget reports whether a document of a multi-document patch is the
// one for this object.
func sameTarget(doc, root *yaml.Node) bool {
	k, n := identity(doc)
	kind, name := identity(root)
	return k == kind && n != "" && strings.Contains(name, n)
}

// walk records the patch node and its children where the rendered object
// has them with the same values; it reports whether it recorded any.
func (d *docOrigin) walk(file string, key, patch, out *yaml.Node, path string, top bool) bool {
	if patch == nil || out == nil {
		return false
	}
	recorded := false
	switch {
	case patch.Kind == yaml.MappingNode && out.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(patch.Content); i += 2 {
			k := patch.Content[i].Value
			if strings.HasPrefix(k, "$") || top && identityField(k) {
				continue
			}
			if top && k == "metadata" {
				recorded = d.walkMetadata(file, patch.Content[i], patch.Content[i+1], out) || recorded
				continue
			}
			child := fieldpath.Join(path, k)
			recorded = d.walk(file, patch.Content[i], patch.Content[i+1], mappingValue(out, k), child, false) || recorded
		}
	case patch.Kind == yaml.SequenceNode && out.Kind == yaml.SequenceNode:
		for i, item := range patch.Content {
			if j := alignItem(item, out, i); j >= 0 {
				recorded = d.walk(file, nil, item, out.Content[j], fieldpath.Index(path, j), false) || recorded
			}
		}
	case patch.Kind == yaml.ScalarNode && out.Kind == yaml.ScalarNode:
		recorded = patch.Value == out.Value
	}
	if recorded && path != "" {
		d.patched[path] = place{file: file, key: key, value: patch}
	}
	return recorded
}

// walkMetadata walks a patch's metadata but for the name and namespace,
// which only say which object the patch is for.
func (d *docOrigin) walkMetadata(file string, key, patch, out *yaml.Node) bool {
	meta := mappingValue(out, "metadata")
	recorded := false
	for i := 0; i+1 < len(patch.Content); i += 2 {
		k := patch.Content[i].Value
		if k == "name" || k == "namespace" {
			continue
		}
		recorded = d.walk(file, patch.Content[i], patch.Content[i+1], mappingValue(meta, k), fieldpath.Join("metadata", k), false) || recorded
	}
	return recorded
}

func identityField(k string) bool { return k == "apiVersion" || k == "kind" }

// mergeKeys are the keys by which strategic merge matches list items.
var mergeKeys = []string{"name", "port", "containerPort", "mountPath", "devicePath", "ip"}

// alignItem returns the index in out of the item a patch's i-th list item
// became: the item with the same merge key, the same scalar, or else the
// same index (a list without a merge key, as in every Istio kind, is
// replaced whole).
func alignItem(item, out *yaml.Node, i int) int {
	if item.Kind == yaml.MappingNode {
		for _, k := range mergeKeys {
			v := scalar(mappingValue(item, k))
			if v == "" {
				continue
			}
			for j, o := range out.Content {
				if scalar(mappingValue(o, k)) == v {
					return j
				}
			}
		}
	}
	if item.Kind == yaml.ScalarNode {
		for j, o := range out.Content {
			if o.Kind == yaml.ScalarNode && o.Value == item.Value {
				return j
			}
		}
	}
	if i < len(out.Content) {
		return i
	}
	return -1
}

// recordOps records the values JSON 6902 operations added or replaced.
func (d *docOrigin) recordOps(p *patchRef, ops, root *yaml.Node) {
	if ops.Kind != yaml.SequenceNode {
		return
	}
	for _, op := range ops.Content {
		kind := scalar(mappingValue(op, "op"))
		pathNode := mappingValue(op, "path")
		path, out := pointer(scalar(pathNode), root)
		if out == nil || path == "" {
			continue
		}
		switch kind {
		case "add", "replace":
			valueKey, value := mappingEntry(op, "value")
			if !d.walk(p.where(), valueKey, value, out, path, false) && value != nil {
				d.patched[path] = place{file: p.where(), key: valueKey, value: value}
			}
		case "copy", "move":
			d.patched[path] = place{file: p.where(), key: pathNode, value: pathNode}
		}
	}
}

// pointer follows a JSON pointer (/spec/http/0/route, "-" for the last
// item) in the rendered object, returning its field path and node.
func pointer(ptr string, root *yaml.Node) (string, *yaml.Node) {
	if !strings.HasPrefix(ptr, "/") {
		return "", nil
	}
	path, cur := "", root
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch cur.Kind {
		case yaml.MappingNode:
			path, cur = fieldpath.Join(path, tok), mappingValue(cur, tok)
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if tok == "-" {
				i, err = len(cur.Content)-1, nil
			}
			if err != nil || i < 0 || i >= len(cur.Content) {
				return "", nil
			}
			path, cur = fieldpath.Index(path, i), cur.Content[i]
		default:
			return "", nil
		}
		if cur == nil {
			return "", nil
		}
	}
	return path, cur
}

// mappingEntry returns the key and value nodes of key in n.
func mappingEntry(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

package kustomize

import (
	"fmt"
	"path/filepath"
	"slices"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	kyaml "sigs.k8s.io/kustomize/kyaml/yaml"
)

// originAnnotation is where kustomize records the file a resource came from.
const originAnnotation = "config.kubernetes.io/origin"

// overlayFS is the disk with some files' content replaced: the top
// kustomization asks for origin annotations, and patches that do not apply
// are left out so that the rest of the build is still linted.
type overlayFS struct {
	filesys.FileSystem
	files map[string][]byte // by absolute path
}

func (o overlayFS) ReadFile(path string) ([]byte, error) {
	if b, ok := o.files[absPath(path)]; ok {
		return b, nil
	}
	return o.FileSystem.ReadFile(path)
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.EvalSymlinks(a); err == nil {
		return r
	}
	return a
}

// build runs kustomize on the tree's top kustomization without the patches
// in skip, with kustomize's defaults: files only under each kustomization's
// root, no plugins, no Helm, output sorted as `kustomize build` sorts it.
func build(tree []*kustFile, skip map[*patchRef]bool) (m resmap.ResMap, err error) {
	top := tree[len(tree)-1]
	files := map[string][]byte{}
	for _, k := range tree {
		text, err := editKustomization(k, k == top, skip)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", k.path, err)
		}
		files[absPath(k.path)] = text
	}
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("kustomize failed: %v", r)
		}
	}()
	opts := krusty.MakeDefaultOptions()
	opts.Reorder = krusty.ReorderOptionUnspecified
	return krusty.MakeKustomizer(opts).Run(overlayFS{filesys.MakeFsOnDisk(), files}, top.dir)
}

// editKustomization returns k's text with the patches in skip removed and,
// for the top one, origin annotations asked for.
func editKustomization(k *kustFile, top bool, skip map[*patchRef]bool) ([]byte, error) {
	var drop []*patchRef
	for _, p := range k.patches {
		if skip[p] {
			drop = append(drop, p)
		}
	}
	if !top && len(drop) == 0 {
		return k.text, nil
	}
	rn, err := kyaml.Parse(string(k.text))
	if err != nil {
		return nil, err
	}
	// Last first, so that the indexes of the others stay right.
	slices.Reverse(drop)
	for _, p := range drop {
		if list := rn.Field(p.field); list != nil && p.index < len(list.Value.YNode().Content) {
			seq := list.Value.YNode()
			seq.Content = slices.Delete(seq.Content, p.index, p.index+1)
		}
	}
	if top {
		if err := askOrigins(rn); err != nil {
			return nil, err
		}
	}
	s, err := rn.String()
	return []byte(s), err
}

// askOrigins adds originAnnotations to the kustomization's buildMetadata.
func askOrigins(rn *kyaml.RNode) error {
	bm, err := rn.Pipe(kyaml.LookupCreate(kyaml.SequenceNode, "buildMetadata"))
	if err != nil {
		return err
	}
	for _, n := range bm.YNode().Content {
		if n.Value == "originAnnotations" {
			return nil
		}
	}
	return bm.PipeE(kyaml.Append(&kyaml.Node{Kind: kyaml.ScalarNode, Value: "originAnnotations"}))
}

// buildAround builds the tree, leaving out the patches that make the build
// fail, one at a time: a patch whose removal changes kustomize's error was
// its cause. An error no patch explains is returned.
func buildAround(tree []*kustFile) (resmap.ResMap, map[*patchRef]error, error) {
	skip := map[*patchRef]bool{}
	broken := map[*patchRef]error{}
	m, err := build(tree, skip)
	for err != nil {
		cause := findCause(tree, skip, err)
		if cause == nil {
			return nil, nil, err
		}
		broken[cause] = err
		skip[cause] = true
		m, err = build(tree, skip)
	}
	return m, broken, nil
}

// findCause returns the patch whose removal changes the build's error.
func findCause(tree []*kustFile, skip map[*patchRef]bool, err error) *patchRef {
	for _, k := range tree {
		for _, p := range k.patches {
			if skip[p] {
				continue
			}
			skip[p] = true
			_, e := build(tree, skip)
			delete(skip, p)
			if e == nil || e.Error() != err.Error() {
				return p
			}
		}
	}
	return nil
}

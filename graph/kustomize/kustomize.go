// Package kustomize renders a kustomization in-process (-k DIR) with
// kustomize's own library, offline and with its default load restrictions,
// into one source whose Origins place every field where it was written: a
// field a patch set at the patch's line, any other at its line in the file
// the resource came from. A patch that does not apply is left out of the
// build and becomes a note (a finding) at its line instead of failing it.
package kustomize

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"sigs.k8s.io/kustomize/api/resmap"
)

// Render builds the kustomization in dir. The error is for what stops a
// build: no kustomization in dir, a remote or missing base or file (named
// with the kustomization's file and line), or a kustomize error that no
// patch explains.
func Render(dir string) (source.Source, error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return source.Source{}, fmt.Errorf("-k %s: not a directory", dir)
	}
	file := FindFile(dir)
	if file == "" {
		return source.Source{}, fmt.Errorf("-k %s: no kustomization in the directory (%s)", dir, strings.Join(source.KustomizationFiles, ", "))
	}
	tree, err := scanTree(file, map[string]bool{})
	if err != nil {
		return source.Source{}, err
	}
	if top := tree[len(tree)-1]; scalar(top.field("kind")) == "Component" {
		return source.Source{}, top.errorf("kind", "a Component is built as part of the kustomization that lists it "+
			"under components:; give that kustomization to -k")
	}
	m, broken, err := buildAround(tree)
	if err != nil {
		return source.Source{}, fmt.Errorf("%s: kustomize: %v", file, err)
	}
	content, from, err := output(m)
	if err != nil {
		return source.Source{}, fmt.Errorf("%s: kustomize: %v", file, err)
	}
	rendered := yamldoc.LoadFile(source.Source{Path: file, Content: content}, yamldoc.Limits{}).Documents
	applied := func(p *patchRef) bool { return broken[p] == nil }
	return source.Source{
		Path: file, Content: content,
		Origins: newOrigins(tree, rendered, from, applied),
		Notes:   brokenNotes(tree, broken),
	}, nil
}

// output writes the build's resources as a YAML stream, each with the
// origin kustomize annotated it with, which is removed: rules never see it.
func output(m resmap.ResMap) ([]byte, []origin, error) {
	var out bytes.Buffer
	var from []origin
	for _, r := range m.Resources() {
		o, err := r.GetOrigin()
		if err != nil {
			return nil, nil, err
		}
		if o != nil {
			from = append(from, origin{path: o.Path, configuredIn: o.ConfiguredIn})
		} else {
			from = append(from, origin{})
		}
		anns := r.GetAnnotations()
		delete(anns, originAnnotation)
		if err := r.SetAnnotations(anns); err != nil {
			return nil, nil, err
		}
		y, err := r.AsYAML()
		if err != nil {
			return nil, nil, err
		}
		out.WriteString("---\n")
		out.Write(y)
	}
	return out.Bytes(), from, nil
}

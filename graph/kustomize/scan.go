package kustomize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/meshlint/meshlint/graph/fieldpath"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	yaml "go.yaml.in/yaml/v3"
)

// FindFile returns the kustomization file in dir, or "" when it has none.
func FindFile(dir string) string {
	for _, n := range source.KustomizationFiles {
		p := filepath.Join(dir, n)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// kustFile is one kustomization of the tree being built, as written.
type kustFile struct {
	path    string // as the user would name it: the -k DIR joined
	dir     string
	text    []byte
	doc     *yamldoc.Document
	patches []*patchRef
}

// readKustFile parses a kustomization file; a syntax error names its line.
func readKustFile(path string) (*kustFile, error) {
	text, err := source.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lf := yamldoc.LoadFile(source.Source{Path: path, Content: text}, yamldoc.Limits{})
	for _, p := range lf.Problems {
		return nil, fmt.Errorf("%s:%d: %s", path, p.Location.Start.Line, p.Message)
	}
	if len(lf.Documents) == 0 {
		return &kustFile{path: path, dir: filepath.Dir(path), text: text}, nil
	}
	return &kustFile{path: path, dir: filepath.Dir(path), text: text, doc: lf.Documents[0]}, nil
}

// field returns the node of a top-level field, nil when absent.
func (k *kustFile) field(name string) *yaml.Node {
	if k.doc == nil {
		return nil
	}
	_, v, ok := k.doc.Lookup(name)
	if !ok {
		return nil
	}
	return v
}

// line is where the field at path is written in the kustomization.
func (k *kustFile) line(path string) int {
	if k.doc == nil {
		return 1
	}
	return k.doc.Range(path).Start.Line
}

// errorf is an error that names a line of the kustomization.
func (k *kustFile) errorf(path, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", k.path, k.line(path), fmt.Sprintf(format, args...))
}

// scanTree reads the kustomization in dir and the local ones it includes
// (bases and components), depth first as kustomize applies them, and
// checks what they reference before kustomize runs: a remote base would
// make kustomize reach the network, and a missing file is an error that
// kustomize reports without saying which kustomization line names it.
func scanTree(file string, seen map[string]bool) ([]*kustFile, error) {
	abs, _ := filepath.Abs(file)
	if seen[abs] {
		return nil, nil
	}
	seen[abs] = true
	k, err := readKustFile(file)
	if err != nil {
		return nil, err
	}
	var tree []*kustFile
	for _, f := range []string{"resources", "bases", "components"} {
		sub, err := k.scanEntries(f, seen)
		if err != nil {
			return nil, err
		}
		tree = append(tree, sub...)
	}
	if err := k.scanPatches(); err != nil {
		return nil, err
	}
	if err := k.scanGenerators(); err != nil {
		return nil, err
	}
	return append(tree, k), nil
}

// scanGenerators checks that the files ConfigMap and Secret generators
// read exist.
func (k *kustFile) scanGenerators() error {
	for _, field := range []string{"configMapGenerator", "secretGenerator"} {
		list := k.field(field)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for i, gen := range list.Content {
			for _, key := range []string{"files", "envs"} {
				files := mappingValue(gen, key)
				if files == nil || files.Kind != yaml.SequenceNode {
					continue
				}
				for j, f := range files.Content {
					name := f.Value
					if _, after, ok := strings.Cut(name, "="); ok {
						name = after // key=path
					}
					if _, err := os.Stat(filepath.Join(k.dir, name)); err != nil {
						return k.errorf(fieldpath.Index(fieldpath.Join(fieldpath.Index(field, i), key), j),
							"%s file %q: %s not found", field, f.Value, filepath.Join(k.dir, name))
					}
				}
			}
		}
	}
	return nil
}

// scanEntries checks the entries of a resources, bases or components
// list and scans the kustomizations among them.
func (k *kustFile) scanEntries(field string, seen map[string]bool) ([]*kustFile, error) {
	list := k.field(field)
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil, nil
	}
	var tree []*kustFile
	for i, item := range list.Content {
		path := fieldpath.Index(field, i)
		if item.Kind != yaml.ScalarNode {
			continue // kustomize says what is wrong with it
		}
		if isRemote(item.Value) {
			return nil, k.errorf(path, "%s entry %q is remote: meshlint renders offline and never fetches a base; "+
				"vendor it into the repository, or lint `kustomize build %s | meshlint -`", field, item.Value, k.dir)
		}
		target := filepath.Join(k.dir, item.Value)
		info, err := os.Stat(target)
		if err != nil {
			return nil, k.errorf(path, "%s entry %q: %s not found", field, item.Value, target)
		}
		if !info.IsDir() {
			continue
		}
		sub := FindFile(target)
		if sub == "" {
			return nil, k.errorf(path, "%s entry %q: directory %s holds no kustomization (%s)", field, item.Value, target, strings.Join(source.KustomizationFiles, ", "))
		}
		subTree, err := scanTree(sub, seen)
		if err != nil {
			return nil, err
		}
		tree = append(tree, subTree...)
	}
	return tree, nil
}

// isRemote reports whether a resource entry names a remote base: a URL,
// a git address, or a path whose first element is a host name that does
// not exist locally (github.com/org/repo//dir?ref=v1).
func isRemote(entry string) bool {
	if strings.Contains(entry, "://") || strings.HasPrefix(entry, "git@") || strings.Contains(entry, "?ref=") ||
		strings.Contains(entry, "?version=") || strings.Contains(entry, ".git//") {
		return true
	}
	first, _, _ := strings.Cut(entry, "/")
	for _, host := range []string{"github.com", "gitlab.com", "bitbucket.org", "dev.azure.com"} {
		if first == host {
			return true
		}
	}
	return false
}

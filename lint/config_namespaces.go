package lint

import (
	"fmt"
	"path"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/internal/k8svalid"
)

// NamespacesConfig is the `namespaces` key: globs of file paths, relative
// to the config file's directory, mapped to the namespace their documents
// without one are applied to (`kubectl apply -n X -f file`). A single
// --namespace cannot lint a repository whose namespace-less files go to
// different namespaces: without this they would all be copies of each
// other in the default one. The first entry that matches, in the order
// written, wins.
type NamespacesConfig []NamespaceMapping

// NamespaceMapping is one entry of `namespaces`.
type NamespaceMapping struct {
	Pattern   string // as in `paths` and `ignore`
	Namespace string
	Line      int // of the entry in the config file
}

// UnmarshalYAML reads the mapping in its order, which decides between
// overlapping globs; a bad entry is a problem on its line, reported with
// the config's other problems.
func (c *NamespacesConfig) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: namespaces: expected a mapping of path globs to namespaces", n.Line)}}
	}
	var problems []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		msg, line := checkNamespaceMapping(k, v), k.Line
		if msg == "" && seen[k.Value] {
			msg = fmt.Sprintf("%q is listed twice", k.Value)
		}
		if msg != "" {
			problems = append(problems, fmt.Sprintf("line %d: namespaces: %s", line, msg))
			continue
		}
		seen[k.Value] = true
		*c = append(*c, NamespaceMapping{Pattern: strings.TrimPrefix(k.Value, "./"), Namespace: v.Value, Line: k.Line})
	}
	if len(problems) > 0 {
		return &yaml.TypeError{Errors: problems}
	}
	return nil
}

// checkNamespaceMapping says what is wrong with the entry k: v, or "".
func checkNamespaceMapping(k, v *yaml.Node) string {
	if k.Kind != yaml.ScalarNode || k.Value == "" {
		return "a key must be a path glob such as \"overlays/prod/**\""
	}
	pattern := strings.TrimPrefix(k.Value, "./")
	if path.IsAbs(pattern) || pattern == ".." || strings.HasPrefix(pattern, "../") || strings.Contains(pattern, "/../") {
		return fmt.Sprintf("%q: write the glob relative to the config file's directory, without \"..\"", k.Value)
	}
	if _, err := path.Match(pattern, ""); err != nil {
		return fmt.Sprintf("%q is not a valid glob (see `paths`)", k.Value)
	}
	if v.Kind != yaml.ScalarNode || !k8svalid.IsDNS1123Label(v.Value) {
		return fmt.Sprintf("%q: %q is not a namespace name (lower-case letters, digits and '-', at most 63 characters)", k.Value, v.Value)
	}
	return ""
}

// NamespaceFor returns the namespace `namespaces` maps the file p to, or ""
// when no entry matches it.
func (f *File) NamespaceFor(p string) string {
	rel, ok := f.relative(p)
	if !ok {
		return ""
	}
	for _, m := range f.Namespaces {
		if matchConfigGlob(m.Pattern, rel) {
			return m.Namespace
		}
	}
	return ""
}

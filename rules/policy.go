package rules

import (
	"fmt"
	"hash/fnv"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/yamldoc"
)

// resultRules are the rule names a policy reports through, as conftest
// reads them: deny and violation are errors, warn a warning, unless the
// policy's metadata or the result says otherwise.
var resultRules = map[string]analyzers.Severity{
	"deny": analyzers.SeverityError, "violation": analyzers.SeverityError, "warn": analyzers.SeverityWarning,
}

// Policy is one meshlint rule written in Rego: the deny, warn or violation
// rule of one package.
type Policy struct {
	Package string // the package path without "data."
	Head    string // deny, warn or violation
	File    string // the file of its first definition
	// Location is where it is first defined: the place of a finding that
	// names no resource.
	Location graph.Location
	BuiltIn  bool
	// Mesh is true when the package reads input.resources or data.meshlint:
	// it is evaluated once over the whole input. Otherwise, as conftest
	// does, once per resource with that resource as input.
	Mesh bool
	// ReadsIndex is true when the package reads data.meshlint: the
	// graph's indexes are converted for it.
	ReadsIndex bool
	// IndexParts are the parts of data.meshlint it reads ("hosts", ...).
	IndexParts []string
	// Resources are the kinds input.resources holds for the policy:
	// custom.resources when the policy reads some of its inputs through
	// data.meshlint only (those are not converted), else its inputs.
	Resources []graph.GroupKind
	options   []policyOption
	// fields, when hasFields, are the fields of input.resources it reads
	// (custom.fields): only those are converted for it.
	fields    *shape
	hasFields bool
	Rule      *analyzers.Rule
}

// Query is the Rego query that evaluates the policy.
func (p *Policy) Query() string { return "data." + p.Package + "." + p.Head }

var idPattern = regexp.MustCompile(`^ML[0-9]{4}$`)

// policyMeta is what a Policy is made of besides its module: where its
// result rule is first defined, what the package reads and the METADATA
// of its first annotated definition (nil when none is). The built-in
// policies' are generated (builtin_index.go), so that a run knows them
// without parsing the modules.
type policyMeta struct {
	pkg, head, file string
	loc             *ast.Location
	mesh            bool // reads input.resources or data.meshlint
	readsIndex      bool // reads data.meshlint
	indexParts      []string
	annotations     *ast.Annotations
}

// findPolicies lists the deny, warn and violation rules of the modules,
// one Policy per package and rule name, in package order.
func findPolicies(modules map[string]*ast.Module, builtIn bool) ([]*Policy, error) {
	return newPolicies(policyMetas(modules), builtIn)
}

// newPolicies makes a Policy of each description, in their order.
func newPolicies(metas []*policyMeta, builtIn bool) ([]*Policy, error) {
	out := make([]*Policy, 0, len(metas))
	for _, meta := range metas {
		p, err := newPolicy(meta, builtIn)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// policyMetas reads the policies of the modules, in package order.
func policyMetas(modules map[string]*ast.Module) []*policyMeta {
	byKey := map[string]*policyMeta{}
	var out []*policyMeta
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		m := modules[name]
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			head := r.Head.Ref().String()
			if _, ok := resultRules[head]; !ok {
				continue
			}
			key := pkg + "." + head
			meta := byKey[key]
			if meta == nil {
				meta = &policyMeta{pkg: pkg, head: head, file: name, loc: r.Location,
					mesh:       reads(modules, pkg, append([]string{"input.resources"}, indexRefs...)...),
					readsIndex: reads(modules, pkg, indexRefs...), indexParts: partsRead(modules, pkg)}
				byKey[key] = meta
				out = append(out, meta)
			}
			// Metadata comes from the first definition that has some.
			if meta.annotations == nil {
				meta.annotations = annotationsFor(m, r)
			}
		}
	}
	return out
}

// newPolicy makes the policy and its rule's metadata.
func newPolicy(meta *policyMeta, builtIn bool) (*Policy, error) {
	p := &Policy{Package: meta.pkg, Head: meta.head, File: meta.file, BuiltIn: builtIn, Location: regoLocation(meta.loc),
		Mesh: meta.mesh, ReadsIndex: meta.readsIndex, IndexParts: meta.indexParts}
	if err := p.describe(meta.annotations); err != nil {
		return nil, err
	}
	return p, nil
}

// policyRule builds the rule's metadata from its METADATA annotations
// (rule, document or package scope).
func policyRule(p *Policy, a *ast.Annotations) (*analyzers.Rule, error) {
	file := p.File
	if p.BuiltIn {
		file = "rules/" + file
	}
	rule := &analyzers.Rule{Severity: resultRules[p.Head], Since: "0.1.0", Policy: p.Query() + " in " + file}
	if a != nil {
		rule.Summary = strings.TrimSuffix(a.Title, ".")
		rule.Doc = analyzers.TextDoc(policyDoc(a))
		if err := applyCustom(rule, a); err != nil {
			return nil, fmt.Errorf("%s: %v", position(a.Location), err)
		}
	}
	if rule.ID == "" {
		rule.ID = derivedID(p.Package, p.Head)
	}
	if rule.Name == "" {
		rule.Name = strings.ToLower(strings.NewReplacer(".", "-", "_", "-").Replace(p.Package + "." + p.Head))
	}
	if rule.Summary == "" {
		rule.Summary = "Rego policy " + p.Query()
	}
	if rule.Doc == nil {
		rule.Doc = analyzers.TextDoc("Reported by the Rego policy `" + p.Query() + "` in `" + p.File + "`.\n")
	}
	return rule, nil
}

func annotationsFor(m *ast.Module, r *ast.Rule) *ast.Annotations {
	for _, a := range r.Annotations {
		if a.Scope == "rule" || a.Scope == "document" {
			return a
		}
	}
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// applyCustom reads custom.id, custom.name and custom.severity.
func applyCustom(rule *analyzers.Rule, a *ast.Annotations) error {
	if id, ok := a.Custom["id"].(string); ok {
		if !idPattern.MatchString(id) {
			return fmt.Errorf("custom.id %q is not a rule ID (ML and four digits)", id)
		}
		rule.ID = id
	}
	if name, ok := a.Custom["name"].(string); ok {
		rule.Name = name
	}
	if inputs, ok := a.Custom["inputs"].([]any); ok {
		kinds, err := parseKinds(inputs)
		if err != nil {
			return fmt.Errorf("custom.inputs: %v", err)
		}
		rule.Inputs = kinds
	}
	if s, ok := a.Custom["severity"].(string); ok {
		sev, err := analyzers.ParseSeverity(s)
		if err != nil {
			return fmt.Errorf("custom.severity: %v", err)
		}
		rule.Severity = sev
	}
	return nil
}

// policyDoc is the rule's Markdown doc: the description, then the
// related resources as links.
func policyDoc(a *ast.Annotations) string {
	doc := strings.TrimSpace(a.Description) + "\n"
	for _, rr := range a.RelatedResources {
		text := rr.Description
		if text == "" {
			text = rr.Ref.String()
		}
		doc += fmt.Sprintf("\n- [%s](%s)", text, rr.Ref.String())
	}
	return doc
}

// derivedID gives a policy without custom.id a stable ID in the ML9xxx
// range DESIGN reserves for user policies: a hash of package and rule
// name, so that it survives edits elsewhere.
func derivedID(pkg, head string) string {
	h := fnv.New32a()
	h.Write([]byte(pkg + "." + head))
	return fmt.Sprintf("ML9%03d", h.Sum32()%1000)
}

// partsRead lists the parts of data.meshlint the package's rules read.
func partsRead(modules map[string]*ast.Module, pkg string) []string {
	var parts []string
	for i, read := range readRefs(modules, pkg, indexRefs) {
		if read {
			parts = append(parts, strings.TrimPrefix(indexRefs[i], "data.meshlint."))
		}
	}
	return parts
}

// reads reports whether the package's rules read one of the refs.
func reads(modules map[string]*ast.Module, pkg string, refs ...string) bool {
	return slices.Contains(readRefs(modules, pkg, refs), true)
}

// readRefs reports, for each ref, whether the package's rules read it.
func readRefs(modules map[string]*ast.Module, pkg string, refs []string) []bool {
	prefixes := make([]ast.Ref, len(refs))
	for i, r := range refs {
		prefixes[i] = parsedRef(r)
	}
	found := make([]bool, len(refs))
	for _, m := range modules {
		if strings.TrimPrefix(m.Package.Path.String(), "data.") != pkg {
			continue
		}
		ast.WalkRefs(m, func(ref ast.Ref) bool {
			for i, prefix := range prefixes {
				found[i] = found[i] || ref.HasPrefix(prefix)
			}
			return false
		})
	}
	return found
}

// parsedRef is a ref of names such as data.meshlint.options, as OPA's
// parser would make it: the parser sets up its capabilities on every
// call, which cost more than a one-file run's policy walks.
func parsedRef(s string) ast.Ref {
	names := strings.Split(s, ".")
	ref := make(ast.Ref, len(names))
	ref[0] = ast.VarTerm(names[0])
	for i, name := range names[1:] {
		ref[i+1] = ast.StringTerm(name)
	}
	return ref
}

// parseKinds reads custom.inputs: kinds as "group/Kind", or "Kind" for
// the core group ("Service", "networking.istio.io/VirtualService").
func parseKinds(inputs []any) ([]graph.GroupKind, error) {
	var kinds []graph.GroupKind
	for _, v := range inputs {
		s, ok := v.(string)
		if !ok || s == "" {
			return nil, fmt.Errorf("want kinds as strings such as \"networking.istio.io/VirtualService\", got %v", v)
		}
		group, kind, found := strings.Cut(s, "/")
		if !found {
			group, kind = "", s
		}
		kinds = append(kinds, graph.GroupKind{Group: group, Kind: kind})
	}
	return kinds, nil
}

// describe sets the policy's rule from its METADATA (a is nil if none).
func (p *Policy) describe(a *ast.Annotations) error {
	meta, err := policyRule(p, a)
	if err != nil {
		return err
	}
	p.Rule = meta
	if err := p.readResources(a); err != nil {
		return err
	}
	if err := p.readFields(a); err != nil {
		return err
	}
	return p.readOptions(a)
}

// readResources reads custom.resources, a subset of custom.inputs.
func (p *Policy) readResources(a *ast.Annotations) error {
	p.Resources = p.Rule.Inputs
	if a == nil || a.Custom["resources"] == nil {
		return nil
	}
	list, _ := a.Custom["resources"].([]any)
	kinds, err := parseKinds(list)
	if err == nil && len(p.Rule.Inputs) == 0 {
		err = fmt.Errorf("needs custom.inputs, the kinds it narrows")
	}
	for _, k := range kinds {
		if err == nil && !slices.Contains(p.Rule.Inputs, k) {
			err = fmt.Errorf("%s is not one of custom.inputs", k)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: custom.resources: %v", position(a.Location), err)
	}
	p.Resources = kinds
	if p.Resources == nil {
		p.Resources = []graph.GroupKind{} // none: not every kind
	}
	return nil
}

// readFields reads custom.fields.
func (p *Policy) readFields(a *ast.Annotations) error {
	p.fields, p.hasFields = nil, false
	if a == nil || a.Custom["fields"] == nil {
		return nil
	}
	fields, err := parseFields(a.Custom["fields"])
	if err != nil {
		return fmt.Errorf("%s: custom.fields: %v", position(a.Location), err)
	}
	p.fields, p.hasFields = fields, true
	return nil
}

// readOptions declares the options of custom.options as the rule's.
func (p *Policy) readOptions(a *ast.Annotations) error {
	if a == nil || a.Custom["options"] == nil {
		return nil
	}
	opts, err := parseOptions(a.Custom["options"])
	if err != nil {
		return fmt.Errorf("%s: custom.options: %v", position(a.Location), err)
	}
	p.options = opts
	p.Rule.Options = nil
	for _, o := range opts {
		p.Rule.Options = append(p.Rule.Options, o.spec)
	}
	return nil
}

func regoLocation(loc *ast.Location) graph.Location {
	if loc == nil {
		return graph.Location{}
	}
	start := yamldoc.Position{Line: loc.Row, Column: loc.Col}
	return graph.Location{File: loc.File, Range: yamldoc.Range{Start: start, End: start}}
}

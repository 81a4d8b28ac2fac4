package schemagen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// kubernetesDefsFile holds the Go OpenAPI definitions the JSON documents
// are built from. Unlike the JSON documents, it keeps the closed value sets
// (`+enum` types: Service type, port protocol, imagePullPolicy, ...) that
// the API server's validation enforces.
const kubernetesDefsFile = "pkg/generated/openapi/zz_generated.openapi.go"

// enumSet is the allowed values of the properties of one definition, by
// property name; an array property's values are those of its items.
type enumSet map[string][]any

// propertyEnums reads the Go OpenAPI definitions and returns, by OpenAPI
// definition name (io.k8s.api.core.v1.ServicePort), the enums of its
// properties.
func propertyEnums(src []byte, origin string) (map[string]enumSet, error) {
	f, err := parser.ParseFile(token.NewFileSet(), origin, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	names, err := definitionNames(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", origin, err)
	}
	out := map[string]enumSet{}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || names[fn.Name.Name] == "" {
			continue
		}
		if enums := functionEnums(fn); len(enums) > 0 {
			out[names[fn.Name.Name]] = enums
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no enums found: has the file's layout changed?", origin)
	}
	return out, nil
}

// definitionNames maps each schema_* function to the definition name it
// builds, from the map GetOpenAPIDefinitions returns, whose keys are
// alias.Type{}.OpenAPIModelName() and values schema_*(ref).
func definitionNames(f *ast.File) (map[string]string, error) {
	imports := map[string]string{}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		alias := p[strings.LastIndex(p, "/")+1:]
		if imp.Name != nil {
			alias = imp.Name.Name
		}
		imports[alias] = p
	}
	names := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		model, fn := modelOf(kv.Key, imports), calledFunction(kv.Value)
		if model != "" && strings.HasPrefix(fn, "schema_") {
			names[fn] = model
		}
		return true
	})
	if len(names) == 0 {
		return nil, fmt.Errorf("no definitions found")
	}
	return names, nil
}

// modelOf reads alias.Type{}.OpenAPIModelName() as the OpenAPI definition
// name: the package path with its domain reversed and slashes as dots, as
// kube-openapi names them (k8s.io/api/core/v1.Pod is io.k8s.api.core.v1.Pod).
func modelOf(e ast.Expr, imports map[string]string) string {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "OpenAPIModelName" {
		return ""
	}
	lit, ok := sel.X.(*ast.CompositeLit)
	if !ok {
		return ""
	}
	typ, ok := lit.Type.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	pkg, ok := typ.X.(*ast.Ident)
	if !ok || imports[pkg.Name] == "" {
		return ""
	}
	domain, rest, _ := strings.Cut(imports[pkg.Name], "/")
	labels := strings.Split(domain, ".")
	for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
		labels[i], labels[j] = labels[j], labels[i]
	}
	return strings.Join(labels, ".") + "." + strings.ReplaceAll(rest, "/", ".") + "." + typ.Sel.Name
}

func calledFunction(e ast.Expr) string {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return ""
	}
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return ""
	}
	return id.Name
}

// functionEnums reads the enums of the top-level properties of the
// definition a schema_* function returns:
// OpenAPIDefinition{Schema: {SchemaProps: {Properties: {...}}}}.
func functionEnums(fn *ast.FuncDecl) enumSet {
	var def *ast.CompositeLit
	for _, st := range fn.Body.List {
		if ret, ok := st.(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
			def, _ = ret.Results[0].(*ast.CompositeLit)
		}
	}
	props := field(field(field(def, "Schema"), "SchemaProps"), "Properties")
	if props == nil {
		return nil
	}
	out := enumSet{}
	for _, el := range props.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		name, err := strconv.Unquote(stringLit(kv.Key))
		schema, _ := kv.Value.(*ast.CompositeLit)
		if err != nil || schema == nil {
			continue
		}
		if values := schemaEnum(schema); values != nil {
			out[name] = values
		}
	}
	return out
}

// schemaEnum is the Enum of a property's schema literal, or of its items'.
func schemaEnum(schema *ast.CompositeLit) []any {
	props := field(schema, "SchemaProps")
	if values := enumValues(field(props, "Enum")); values != nil {
		return values
	}
	items := field(field(field(props, "Items"), "Schema"), "SchemaProps")
	return enumValues(field(items, "Enum"))
}

// enumValues reads []interface{}{"a", "b"}; sorted, as the source lists
// them, so regeneration is stable.
func enumValues(lit *ast.CompositeLit) []any {
	if lit == nil {
		return nil
	}
	var values []string
	for _, el := range lit.Elts {
		v, err := strconv.Unquote(stringLit(el))
		if err != nil {
			return nil // not a list of strings: leave the property open
		}
		values = append(values, v)
	}
	sort.Strings(values)
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// field returns the composite literal value of key in lit, looking through
// & (Items: &spec.SchemaOrArray{...}).
func field(lit *ast.CompositeLit, key string) *ast.CompositeLit {
	if lit == nil {
		return nil
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if id, isIdent := kv.Key.(*ast.Ident); !isIdent || id.Name != key {
			continue
		}
		v := kv.Value
		if u, ok := v.(*ast.UnaryExpr); ok && u.Op == token.AND {
			v = u.X
		}
		out, _ := v.(*ast.CompositeLit)
		return out
	}
	return nil
}

func stringLit(e ast.Expr) string {
	if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
		return b.Value
	}
	return ""
}

// addEnums sets the enums on the string properties (or string items) of
// defs. The empty string is always allowed too: for a plain string field
// the API server cannot tell "" from an absent field, which it defaults.
func addEnums(defs map[string]map[string]any, enums map[string]enumSet) {
	for _, name := range sortedKeys(enums) {
		props, _ := defs[name]["properties"].(map[string]any)
		for _, prop := range sortedKeys(enums[name]) {
			target := stringSchema(props[prop])
			if target == nil {
				continue
			}
			target["enum"] = withEmpty(enums[name][prop])
		}
	}
}

// stringSchema is the schema of a string property, or of its items when
// it is a list of strings; nil for anything else.
func stringSchema(v any) map[string]any {
	s, _ := v.(map[string]any)
	if s["type"] == "array" {
		s, _ = s["items"].(map[string]any)
	}
	if s["type"] != "string" {
		return nil
	}
	return s
}

func withEmpty(values []any) []any {
	for _, v := range values {
		if v == "" {
			return values
		}
	}
	return append([]any{""}, values...)
}

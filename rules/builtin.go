package rules

import (
	"net/url"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

//go:generate go test -run ^TestBuiltinIndexUpToDate$ -update-builtin-index .

// builtinPackage is what a run needs of a built-in package before it
// parses it. builtin_gen.go lists them, generated from the parsed and
// compiled modules; TestBuiltinIndexUpToDate checks that it matches them.
type builtinPackage struct {
	files []string // its .rego files
	// compiled are the files' modules as compiled with every stage,
	// printed without their METADATA.
	compiled []string
	// builtins are the built-in functions its compiled modules call:
	// the only ones its compiler is given.
	builtins []string
}

// builtinPolicies are the built-in policies, made from the generated
// index: metadata for `meshlint rules`, SARIF and the language server
// without parsing a module.
func builtinPolicies() ([]*Policy, error) { return newPolicies(builtinIndex(), true) }

// builtinCompilers compiles each built-in package alone, parsed when one
// of its policies first runs: a run parses and compiles only the
// packages whose input kinds are present.
func builtinCompilers() map[string]func() (*ast.Compiler, error) {
	pkgs := builtinIndexPackages()
	out := make(map[string]func() (*ast.Compiler, error), len(pkgs))
	for pkg, bp := range pkgs {
		out[pkg] = sync.OnceValues(func() (*ast.Compiler, error) { return compileBuiltin(bp) })
	}
	return out
}

// compileBuiltin compiles one built-in package from its compiled text:
// the index holds each module as the whole compiler left it (locals
// renamed, bodies ordered for safety, calls rewritten), so that only the
// stages that build the compiler's trees and indexes run again.
func compileBuiltin(bp builtinPackage) (*ast.Compiler, error) {
	modules := make(map[string]*ast.Module, len(bp.files))
	for i, name := range bp.files {
		// Capabilities given, the parser does not build OPA's default
		// ones for each module.
		m, err := ast.ParseModuleWithOpts(name, bp.compiled[i], ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: baseCapabilities()})
		if err != nil {
			return nil, regoError(err)
		}
		modules[name] = m
	}
	c := ast.NewCompiler().WithCapabilities(builtinCapabilities(bp.builtins)).
		WithEnablePrintStatements(false).WithSkipStages(builtinSkipped()...)
	c.Compile(modules)
	if c.Failed() {
		return nil, regoError(c.Errors)
	}
	return c, nil
}

// builtinSkipped are the compiler's stages a compiled built-in package
// does not run again: all but those that build the compiler's module and
// rule trees, its dependency graph, its rule and comprehension indexes,
// and the generator of local names (for the query's). The others check
// or rewrite the modules, which the compiled text already is.
// TestBuiltinCompiledAsChecked finds the same compiled rules as a full
// compile of the source.
var builtinSkipped = sync.OnceValue(func() []ast.StageID {
	keep := []ast.StageID{ast.StageResolveRefs, ast.StageInitLocalVarGen, ast.StageSetModuleTree, ast.StageSetRuleTree,
		ast.StageSetGraph, ast.StageBuildRuleIndices, ast.StageBuildComprehensionIndices}
	return slices.DeleteFunc(ast.AllStages(), func(s ast.StageID) bool { return slices.Contains(keep, s) })
})

// builtinCapabilities are the sandbox's capabilities with only the
// built-in functions a package calls: a compiler sets up a type for each
// function it is given, which cost more than compiling a small package.
func builtinCapabilities(names []string) *ast.Capabilities {
	caps := *baseCapabilities()
	caps.Builtins = make([]*ast.Builtin, len(names))
	for i, name := range names {
		caps.Builtins[i] = ast.BuiltinMap[name]
	}
	return &caps
}

// baseCapabilities are the sandbox's capabilities, made once per process
// for the built-in packages, which only read them.
var baseCapabilities = sync.OnceValue(sandboxCapabilities)

// relatedURL is a related_resources ref of the generated index, valid
// since it was parsed from the METADATA.
func relatedURL(s string) url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return *u
}

package rules

import (
	"io/fs"
	"net/url"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

//go:generate go test -run ^TestBuiltinIndexUpToDate$ -update-builtin-index .

// builtinPackage is what a run needs of a built-in package before it
// parses it. builtin_gen.go lists them, generated from the parsed and
// compiled modules; TestBuiltinIndexUpToDate checks that it matches them.
type builtinPackage struct {
	files []string // its .rego files
	// builtins are the built-in functions its compiled modules call:
	// the only ones its compiler is given.
	builtins []string
}

// builtinPolicies are the built-in policies, made from the generated
// index: metadata for `meshlint rules`, SARIF and the language server
// without parsing a module.
func builtinPolicies() ([]*Policy, error) {
	metas := builtinIndex()
	out := make([]*Policy, 0, len(metas))
	for _, meta := range metas {
		p, err := newPolicy(meta, true)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

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

// compileBuiltin parses and compiles one built-in package. Its METADATA
// is not parsed again: the index holds what the run needs of it.
func compileBuiltin(bp builtinPackage) (*ast.Compiler, error) {
	modules := make(map[string]*ast.Module, len(bp.files))
	for _, name := range bp.files {
		m, err := parseBuiltin(name)
		if err != nil {
			return nil, err
		}
		modules[name] = m
	}
	c := ast.NewCompiler().WithCapabilities(builtinCapabilities(bp.builtins)).
		WithEnablePrintStatements(false).WithSkipStages(builtinChecks...)
	c.Compile(modules)
	if c.Failed() {
		return nil, regoError(c.Errors)
	}
	return c, nil
}

// builtinChecks are the compiler's stages that only check the modules
// (or, for CheckTypes, infer types that only `with` and calls in a query
// read): TestBuiltinCompiledAsChecked compiles every built-in package
// with them and finds the same compiled rules, so a run skips them.
var builtinChecks = []ast.StageID{
	ast.StageCheckUnusedImports, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls, ast.StageCheckRuleConflicts, ast.StageCheckUndefinedFuncs,
	ast.StageCheckSafetyRuleHeads, ast.StageCheckRecursion, ast.StageCheckTypes,
	ast.StageCheckUnsafeBuiltins, ast.StageCheckDeprecatedBuiltins, ast.StageBuildRequiredCapabilities,
}

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

func parseBuiltin(name string) (*ast.Module, error) {
	b, err := fs.ReadFile(builtinFS, name)
	if err != nil {
		return nil, err
	}
	m, err := ast.ParseModuleWithOpts(name, string(b), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, regoError(err)
	}
	return m, nil
}

// relatedURL is a related_resources ref of the generated index, valid
// since it was parsed from the METADATA.
func relatedURL(s string) url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return *u
}

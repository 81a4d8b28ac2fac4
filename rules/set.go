package rules

import (
	"cmp"
	"context"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

//go:embed builtin
var builtinFS embed.FS

// DefaultTimeout is how long all policies together may evaluate in a run.
const DefaultTimeout = 5 * time.Second

// Options say which policies to load.
type Options struct {
	// Dirs are directories (or files) of user policies.
	Dirs []string
	// Namespaces limits user policies to these packages (and their
	// sub-packages); empty means every package.
	Namespaces []string
	// Timeout bounds the evaluation of each policy (DefaultTimeout if 0).
	Timeout time.Duration
	// MemoryLimit bounds how much the heap may grow while one policy
	// evaluates (DefaultMemoryLimit if 0).
	MemoryLimit uint64
	// NoBuiltin leaves the built-in policies out.
	NoBuiltin bool
}

// Set is the policies of a run, compiled once.
type Set struct {
	Policies    []*Policy
	compiler    *ast.Compiler
	timeout     time.Duration
	memoryLimit uint64
	input       *analyzers.Fact[*Input]
	prepare     sync.Map // *Policy → func() (rego.PreparedEvalQuery, error)
}

// Load parses, checks and compiles the built-in and user policies. An
// error names the file, line and column of each problem.
func Load(opts Options) (*Set, error) {
	var files []sourceFile
	if !opts.NoBuiltin {
		builtin, err := readFS(builtinFS, "builtin")
		if err != nil {
			return nil, err
		}
		files = append(files, builtin...)
	}
	user, err := readDirs(opts.Dirs)
	if err != nil {
		return nil, err
	}
	files = append(files, user...)
	files = slices.DeleteFunc(files, func(f sourceFile) bool { return f.test })
	modules, err := parseFiles(files)
	if err != nil {
		return nil, err
	}
	compiler, err := compile(modules)
	if err != nil {
		return nil, err
	}
	s := &Set{compiler: compiler, timeout: opts.Timeout}
	if s.timeout == 0 {
		s.timeout = DefaultTimeout
	}
	s.memoryLimit = cmp.Or(opts.MemoryLimit, DefaultMemoryLimit)
	s.input = &analyzers.Fact[*Input]{Name: "rego-input", Compute: func(g *graph.Graph, _ *schemas.Registry) *Input { return NewInput(g) }}
	if err := s.findPolicies(modules, opts.Namespaces); err != nil {
		return nil, err
	}
	return s, nil
}

// findPolicies keeps the policies of the selected namespaces and makes a
// rule of each; two policies with one ID are an error naming both.
func (s *Set) findPolicies(modules map[string]*ast.Module, namespaces []string) error {
	builtin, user := map[string]*ast.Module{}, map[string]*ast.Module{}
	for name, m := range modules {
		if isBuiltinFile(name) {
			builtin[name] = m
		} else {
			user[name] = m
		}
	}
	bps, err := findPolicies(builtin, true)
	if err != nil {
		return err
	}
	ups, err := findPolicies(user, false)
	if err != nil {
		return err
	}
	ups = slices.DeleteFunc(ups, func(p *Policy) bool { return !inNamespaces(p.Package, namespaces) })
	seen := map[string]*Policy{}
	for _, p := range append(bps, ups...) {
		if other := seen[p.Rule.ID]; other != nil {
			return fmt.Errorf("%s and %s both have rule ID %s: give one a custom.id in its METADATA", other.Query(), p.Query(), p.Rule.ID)
		}
		seen[p.Rule.ID] = p
		p.Rule.Requires = []analyzers.Requirement{s.input}
		p.Rule.Run = s.runner(p)
		s.Policies = append(s.Policies, p)
	}
	return nil
}

// Rules returns the policies as rules, beside the Go rules.
func (s *Set) Rules() []*analyzers.Rule {
	out := make([]*analyzers.Rule, len(s.Policies))
	for i, p := range s.Policies {
		out[i] = p.Rule
	}
	return out
}

// prepared returns the policy's query, planned once per Set.
func (s *Set) prepared(p *Policy) (rego.PreparedEvalQuery, error) {
	f, _ := s.prepare.LoadOrStore(p, sync.OnceValues(func() (rego.PreparedEvalQuery, error) {
		return rego.New(rego.Query(p.Query()), rego.Compiler(s.compiler), rego.Capabilities(sandboxCapabilities())).
			PrepareForEval(context.Background())
	}))
	return f.(func() (rego.PreparedEvalQuery, error))()
}

func isBuiltinFile(name string) bool { return strings.HasPrefix(name, "builtin/") }

// inNamespaces reports whether a package is one of namespaces or below
// one; every package when namespaces is empty.
func inNamespaces(pkg string, namespaces []string) bool {
	if len(namespaces) == 0 {
		return true
	}
	return slices.ContainsFunc(namespaces, func(ns string) bool { return pkg == ns || strings.HasPrefix(pkg, ns+".") })
}

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

// DefaultTimeout is how long a policy may evaluate over a small input.
// The default deadline grows by TimeoutPerResource with the input, so
// that a large mesh on a busy CI runner is not mistaken for a runaway
// policy, which stays bounded by seconds a run, not by its size alone.
const (
	DefaultTimeout     = 5 * time.Second
	TimeoutPerResource = 100 * time.Microsecond
)

// Options say which policies to load.
type Options struct {
	// Dirs are directories (or files) of user policies.
	Dirs []string
	// Namespaces limits user policies to these packages (and their
	// sub-packages); empty means every package.
	Namespaces []string
	// Timeout bounds the evaluation of each policy (if 0: DefaultTimeout
	// plus TimeoutPerResource for each resource of the input).
	Timeout time.Duration
	// MemoryLimit bounds how much the heap may grow while one policy
	// evaluates (DefaultMemoryLimit if 0).
	MemoryLimit uint64
	// NoBuiltin leaves the built-in policies out.
	NoBuiltin bool
}

// Set is the policies of a run, compiled once.
type Set struct {
	Policies []*Policy
	// compiled is the one compiler of all the modules when there are
	// user policies (which may read other packages).
	compiled func() (*ast.Compiler, error)
	// packages compiles each built-in package alone, on first use, when
	// there are no user policies: a run compiles only the policies whose
	// kinds are present (the others never run).
	packages    map[string]func() (*ast.Compiler, error)
	timeout     time.Duration
	memoryLimit uint64
	input       *analyzers.Fact[*Input]
	shapes      func(graph.GroupKind) *shape // the fields the policies read, by kind
	prepare     sync.Map                     // *Policy → func() (rego.PreparedEvalQuery, error)
}

// Load parses, checks and compiles the built-in and user policies. An
// error names the file, line and column of each problem.
func Load(opts Options) (*Set, error) {
	user, err := readDirs(opts.Dirs)
	if err != nil {
		return nil, err
	}
	user = slices.DeleteFunc(user, func(f sourceFile) bool { return f.test })
	s := &Set{timeout: opts.Timeout, memoryLimit: cmp.Or(opts.MemoryLimit, DefaultMemoryLimit)}
	s.input = &analyzers.Fact[*Input]{Name: "rego-input", Compute: func(g *graph.Graph, _ *schemas.Registry) *Input {
		in := NewInput(g)
		in.shapeOf = s.shapes
		return in
	}}
	var policies []*Policy
	if len(user) == 0 {
		policies, err = s.loadBuiltin(opts)
	} else {
		policies, err = s.loadWithUser(opts, user)
	}
	if err != nil {
		return nil, err
	}
	if err := s.addPolicies(policies); err != nil {
		return nil, err
	}
	s.shapes = shapesOf(s.Policies)
	return s, nil
}

// loadBuiltin makes the built-in policies from their generated index;
// each package is parsed and compiled alone when one of its policies
// first runs (a policy runs only when one of its input kinds is present).
// Built-in packages read no other package.
func (s *Set) loadBuiltin(opts Options) ([]*Policy, error) {
	if opts.NoBuiltin {
		return nil, nil
	}
	s.packages = builtinCompilers()
	return builtinPolicies()
}

// loadWithUser parses the user policies with the built-in ones and
// compiles them all in one compiler now, so that their mistakes stop the
// run before any input is read (user policies may read other packages).
func (s *Set) loadWithUser(opts Options, user []sourceFile) ([]*Policy, error) {
	var files []sourceFile
	if !opts.NoBuiltin {
		builtin, err := readFS(builtinFS, "builtin")
		if err != nil {
			return nil, err
		}
		files = slices.DeleteFunc(builtin, func(f sourceFile) bool { return f.test })
	}
	modules, err := parseFiles(append(files, user...))
	if err != nil {
		return nil, err
	}
	s.compiled = sync.OnceValues(func() (*ast.Compiler, error) { return compile(modules) })
	if _, err := s.compiled(); err != nil {
		return nil, err
	}
	return policiesOf(modules, opts.Namespaces)
}

// deadline is how long a policy may evaluate over in.
func (s *Set) deadline(in *Input) time.Duration {
	if s.timeout != 0 {
		return s.timeout
	}
	return DefaultTimeout + time.Duration(len(in.all))*TimeoutPerResource
}

// policiesOf makes the policies of the modules, the user ones only of
// the selected namespaces.
func policiesOf(modules map[string]*ast.Module, namespaces []string) ([]*Policy, error) {
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
		return nil, err
	}
	ups, err := findPolicies(user, false)
	if err != nil {
		return nil, err
	}
	ups = slices.DeleteFunc(ups, func(p *Policy) bool { return !inNamespaces(p.Package, namespaces) })
	return append(bps, ups...), nil
}

// addPolicies makes a rule of each policy; two policies with one ID are
// an error naming both.
func (s *Set) addPolicies(policies []*Policy) error {
	seen := map[string]*Policy{}
	for _, p := range policies {
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
		compiler, err := s.compilerOf(p)
		if err != nil {
			return rego.PreparedEvalQuery{}, err
		}
		// The compiler's capabilities are the sandbox's (only the functions
		// it calls, for a built-in package).
		return rego.New(rego.Query(p.Query()), rego.Compiler(compiler), rego.Capabilities(compiler.Capabilities())).
			PrepareForEval(context.Background())
	}))
	return f.(func() (rego.PreparedEvalQuery, error))()
}

// compilerOf returns the compiler that holds the policy's package.
func (s *Set) compilerOf(p *Policy) (*ast.Compiler, error) {
	if c := s.packages[p.Package]; c != nil {
		return c()
	}
	return s.compiled()
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

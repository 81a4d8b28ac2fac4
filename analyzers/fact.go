package analyzers

import (
	"fmt"
	"slices"
	"sync"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// A Fact is a result computed once per run and read by several rules, as
// go/analysis's Requires and ResultOf: the schema validation of every
// resource is read by five schema rules and by ML0005. A rule lists the
// facts it reads in Rule.Requires and reads one, typed, with Of.
type Fact[T any] struct {
	Name string // kebab-case, for messages
	// Compute derives the fact from the graph. It must not report: what a
	// fact finds is reported by the rules that read it.
	Compute func(g *graph.Graph, reg *schemas.Registry) T
}

// Requirement is a Fact of any type, as Rule.Requires lists them.
type Requirement interface {
	FactName() string
}

// FactName names the fact in Rule.Requires and in messages.
func (f *Fact[T]) FactName() string { return f.Name }

// Of returns the fact for the pass's run, computed on first use and then
// shared. Reading a fact the rule did not declare is a bug in the rule: it
// panics, and the runner turns the panic into an error naming the rule.
func (f *Fact[T]) Of(p *Pass) T {
	if !slices.Contains(p.Rule.Requires, Requirement(f)) {
		panic(fmt.Sprintf("rule %s reads fact %s without declaring it in Requires", p.Rule.ID, f.Name))
	}
	compute := func() T { return f.Compute(p.Graph, p.Schemas) }
	if p.facts == nil {
		return compute()
	}
	once, _ := p.facts.LoadOrStore(Requirement(f), sync.OnceValue(compute))
	return once.(func() T)()
}

package analyzers

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// Options are what a run provides to every rule besides the graph.
type Options struct {
	// Schemas validates documents; nil means the shared embedded registry.
	Schemas *schemas.Registry
	// RuleOptions are the options of rules by rule ID, as ParseOptions
	// returned them; a rule without an entry reads its defaults.
	RuleOptions map[string]map[string]any
}

// Result is what a run produced.
type Result struct {
	Findings []*Finding
	// Debug are messages about the run itself, sorted and de-duplicated.
	Debug []string
	// Elapsed is how long each rule ran, in the order of the rules given
	// (zero for a rule skipped as having no input): -v's stage timings.
	Elapsed []time.Duration
}

// Run applies rules with default options and returns their findings.
func Run(ctx context.Context, g *graph.Graph, rules []*Rule) ([]*Finding, error) {
	res, err := RunWith(ctx, g, rules, Options{})
	if err != nil {
		return nil, err
	}
	return res.Findings, nil
}

// RunWith applies rules to the graph concurrently and returns their
// findings in deterministic order. A rule that panics does not take the
// others down: its panic becomes an error naming the rule.
func RunWith(ctx context.Context, g *graph.Graph, rules []*Rule, opts Options) (*Result, error) {
	if opts.Schemas == nil {
		opts.Schemas = schemas.Default()
	}
	results := make([]*Pass, len(rules))
	errs := make([]error, len(rules))
	elapsed := make([]time.Duration, len(rules))
	var wg sync.WaitGroup
	facts := new(sync.Map)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, r := range rules {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				errs[i] = ctx.Err()
				return
			}
			pass := &Pass{Graph: g, Rule: r, Schemas: opts.Schemas, facts: facts, options: opts.RuleOptions[r.ID], ctx: ctx}
			if len(r.Inputs) > 0 && !g.HasAny(r.Inputs) {
				results[i] = pass // nothing it reads is there
				return
			}
			start := time.Now()
			results[i], errs[i] = runRule(pass)
			elapsed[i] = time.Since(start)
		}()
	}
	wg.Wait()
	res := &Result{Elapsed: elapsed}
	for i := range rules {
		if errs[i] != nil {
			return nil, errs[i]
		}
		res.Findings = append(res.Findings, results[i].findings...)
		res.Debug = append(res.Debug, results[i].debug...)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return Less(res.Findings[i], res.Findings[j]) })
	res.Findings = slices.CompactFunc(res.Findings, sameFinding)
	res.Debug = slices.Compact(slices.Sorted(slices.Values(res.Debug)))
	return res, nil
}

// sameFinding reports whether two findings say the same thing at the same
// place: a value reached through several aliases is checked once per use,
// and every use reports at the anchor. One line for them is enough.
func sameFinding(a, b *Finding) bool {
	return a.Rule == b.Rule && a.Location == b.Location && a.Message == b.Message
}

func runRule(pass *Pass) (_ *Pass, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in rule %s %s: %v\n%s", pass.Rule.ID, pass.Rule.Name, p, debug.Stack())
		}
	}()
	pass.Rule.Run(pass)
	if pass.err != nil {
		return nil, pass.err
	}
	return pass, nil
}

package analyzers

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"

	"github.com/meshlint/meshlint/graph"
)

// Run applies rules to the graph concurrently and returns their findings
// in deterministic order. A rule that panics does not take the others down:
// its panic becomes an error naming the rule.
func Run(ctx context.Context, g *graph.Graph, rules []*Rule) ([]*Finding, error) {
	results := make([][]*Finding, len(rules))
	errs := make([]error, len(rules))
	var wg sync.WaitGroup
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
			results[i], errs[i] = runRule(g, r)
		}()
	}
	wg.Wait()
	var all []*Finding
	for i := range rules {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, results[i]...)
	}
	sort.SliceStable(all, func(i, j int) bool { return Less(all[i], all[j]) })
	return all, nil
}

func runRule(g *graph.Graph, r *Rule) (findings []*Finding, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in rule %s %s: %v\n%s", r.ID, r.Name, p, debug.Stack())
		}
	}()
	pass := &Pass{Graph: g, Rule: r}
	r.Run(pass)
	return pass.findings, nil
}

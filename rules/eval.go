package rules

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/resolver"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// runner is the Run of a policy's rule: evaluate, then report each result.
func (s *Set) runner(p *Policy) func(*analyzers.Pass) {
	return func(pass *analyzers.Pass) {
		in := s.input.Of(pass)
		// The input is converted before the deadline starts: the
		// deadline bounds the policy, not the size of the input.
		var input ast.Value
		if p.Mesh {
			input = in.resourcesOf(p)
		}
		in.warmIndex(p.IndexParts)
		ctx, cancelCause := context.WithCancelCause(pass.Context())
		defer cancelCause(nil)
		timeout := s.deadline(in)
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		defer watchMemory(ctx, cancelCause, s.memoryLimit)()
		var err error
		opts := evalOptions(pass, p, in)
		// One cancellation for all the policy's evaluations, rather than
		// a goroutine that waits for ctx in each.
		cancelQuery := topdown.NewCancel()
		defer context.AfterFunc(ctx, cancelQuery.Cancel)()
		opts.opts = append(opts.opts, rego.EvalExternalCancel(cancelQuery))
		if p.Mesh {
			err = s.evalOnce(ctx, pass, p, in, nil, input, opts)
		} else {
			for _, r := range inputResources(in.g, p.Rule.Inputs) {
				if err = s.evalOnce(ctx, pass, p, in, r, in.lazyDocument(r), opts); err != nil {
					break
				}
			}
		}
		if err != nil {
			pass.Fail(policyError(p, err, timeout, context.Cause(ctx)))
		}
	}
}

// evalOptions are the options of every evaluation of the policy in a
// run: the resolvers of data.meshlint, made once rather than for each
// resource of a per-resource policy, and no metrics (nothing reads them).
func evalOptions(pass *analyzers.Pass, p *Policy, in *Input) evalSetup {
	options := sync.OnceValue(func() ast.Value { return optionsValue(pass, p.options) })
	parts := map[string]func() ast.Value{"options": options}
	opts := []rego.EvalOption{rego.EvalMetrics(metrics.NoOp()), rego.EvalGenerateJSON(termResult), rego.EvalResolver(parsedRef(optionsRef), valueResolver{options})}
	if p.ReadsIndex {
		for _, ref := range indexRefs {
			key := ref[len("data.meshlint."):]
			part := func() ast.Value { return in.indexPart(key) }
			parts[key] = part
			opts = append(opts, rego.EvalResolver(parsedRef(ref), valueResolver{part}))
		}
	}
	return evalSetup{opts, parts}
}

// evalSetup is what every evaluation of a policy in a run shares.
type evalSetup struct {
	opts  []rego.EvalOption
	parts map[string]func() ast.Value // the resolvers' values, by part
}

// with is the options of one evaluation over input.
func (e evalSetup) with(input ast.Value) []rego.EvalOption {
	cache := &partsCache{parts: e.parts}
	return append(e.opts[:len(e.opts):len(e.opts)], rego.EvalParsedInput(input), rego.EvalBaseCache(cache))
}

// partsCache is an evaluation's cache of base documents. It finds a read
// of data.meshlint.<part>... in the part's value directly, as the part's
// resolver would: OPA calls the resolver and caches what it returns for
// each ref it reads, which for a policy that looks up the index once per
// resource cost more than the rest of its evaluation. The store holds no
// other base document; whatever else OPA reads is cached as it does.
type partsCache struct {
	parts map[string]func() ast.Value
	other map[string]ast.Value
}

var meshlintKey = ast.String("meshlint")

func (c *partsCache) Get(ref ast.Ref) ast.Value {
	if len(ref) >= 3 && ref[0].Equal(ast.DefaultRootDocument) && ref[1].Value.Compare(meshlintKey) == 0 {
		if key, ok := ref[2].Value.(ast.String); ok {
			if part := c.parts[string(key)]; part != nil {
				v, err := part().Find(ref[3:])
				if err != nil {
					return nil // not there: OPA asks the resolver, which finds nothing
				}
				return v
			}
		}
	}
	return c.other[ref.String()]
}

func (c *partsCache) Put(ref ast.Ref, v ast.Value) {
	if c.other == nil {
		c.other = map[string]ast.Value{}
	}
	c.other[ref.String()] = v
}

// evalOnce evaluates the policy over one input and reports its results;
// subject is the resource a per-resource evaluation is about.
func (s *Set) evalOnce(ctx context.Context, pass *analyzers.Pass, p *Policy, in *Input, subject *graph.Resource, input ast.Value, setup evalSetup) error {
	pq, err := s.prepared(p)
	if err != nil {
		return err
	}
	rs, err := pq.Eval(ctx, setup.with(input)...)
	if err != nil {
		return err
	}
	for _, r := range rs {
		for _, e := range r.Expressions {
			if t, ok := e.Value.(*ast.Term); ok {
				if err := reportResults(pass, p, in, subject, t); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// termResult leaves the results as OPA's values: reportResults reads
// what it needs of them instead of converting them whole.
func termResult(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// policyError says which policy failed and, past the deadline, that it
// took too long rather than OPA's "context deadline exceeded".
func policyError(p *Policy, err error, timeout time.Duration, cause error) error {
	if errors.Is(cause, errMemory) {
		return fmt.Errorf("policy %s (%s) stopped: its evaluation went past the %v; it may build too large a collection", p.Query(), p.File, cause)
	}
	if errors.Is(err, context.DeadlineExceeded) || topdown.IsCancel(err) {
		return fmt.Errorf("policy %s (%s) did not finish within %s (--policy-timeout): it may loop over too large a product of collections", p.Query(), p.File, timeout)
	}
	return fmt.Errorf("policy %s (%s): %v", p.Query(), p.File, err)
}

// optionsRef is where a policy reads its options.
const optionsRef = "data.meshlint.options"

// valueResolver serves a part of data.meshlint, computed when first read.
type valueResolver struct{ value func() ast.Value }

func (r valueResolver) Eval(context.Context, resolver.Input) (resolver.Result, error) {
	return resolver.Result{Value: r.value()}, nil
}

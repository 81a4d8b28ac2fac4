package rules

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
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
// resource of a per-resource policy.
func evalOptions(pass *analyzers.Pass, p *Policy, in *Input) []rego.EvalOption {
	options := sync.OnceValue(func() ast.Value { return optionsValue(pass, p.options) })
	opts := []rego.EvalOption{rego.EvalResolver(parsedRef(optionsRef), valueResolver{options})}
	if p.ReadsIndex {
		for _, ref := range indexRefs {
			key := ref[len("data.meshlint."):]
			opts = append(opts, rego.EvalResolver(parsedRef(ref), valueResolver{func() ast.Value { return in.indexPart(key) }}))
		}
	}
	return opts
}

// evalOnce evaluates the policy over one input and reports its results;
// subject is the resource a per-resource evaluation is about.
func (s *Set) evalOnce(ctx context.Context, pass *analyzers.Pass, p *Policy, in *Input, subject *graph.Resource, input ast.Value, opts []rego.EvalOption) error {
	pq, err := s.prepared(p)
	if err != nil {
		return err
	}
	rs, err := pq.Eval(ctx, append(opts[:len(opts):len(opts)], rego.EvalParsedInput(input))...)
	if err != nil {
		return err
	}
	for _, r := range rs {
		for _, e := range r.Expressions {
			items, _ := e.Value.([]any)
			for _, item := range items {
				if err := reportResult(pass, p, in, subject, item); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

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

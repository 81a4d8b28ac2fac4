package schema

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// schemaResult is the validation of one resource against its kind's schema.
type schemaResult struct {
	r          *graph.Resource
	violations []schemas.Violation
	// err says the schema could not be used (it does not load or compile).
	err error
}

// schemaResultsKey names the run's validations in Pass.Shared.
type schemaResultsKey struct{}

// schemaResults validates every resource that has a schema, once per run,
// in parallel; the schema rules each report their share of the violations.
func schemaResults(p *analyzers.Pass) map[*graph.Resource]*schemaResult {
	return p.Shared(schemaResultsKey{}, func() any {
		resources := p.Graph.Resources
		results := make([]*schemaResult, len(resources))
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(resources); i += workers {
					results[i] = validateOne(p.Schemas, resources[i])
				}
			})
		}
		wg.Wait()
		out := make(map[*graph.Resource]*schemaResult, len(resources))
		for _, res := range results {
			if res != nil {
				out[res.r] = res
			}
		}
		return out
	}).(map[*graph.Resource]*schemaResult)
}

// validateOne validates r (nil: no schema). A panic in the validator, a
// bug rather than the input's fault, becomes the resource's error: these
// goroutines are beyond the recover that guards each rule.
func validateOne(reg *schemas.Registry, r *graph.Resource) (res *schemaResult) {
	defer func() {
		if p := recover(); p != nil {
			res = &schemaResult{r: r, err: fmt.Errorf("internal error in the schema validator: %v", p)}
		}
	}()
	vs, err := reg.ValidateLoaded(gvkOf(r), r.Object, r.HasNull)
	if errors.Is(err, schemas.ErrNoSchema) {
		return nil
	}
	return &schemaResult{r: r, violations: vs, err: err}
}

func gvkOf(r *graph.Resource) schemas.GVK {
	return schemas.GVK{Group: r.Group, Version: r.Version, Kind: r.Kind}
}

// reportViolations reports, in resource order, the violations of the
// given kinds with the function that words and places them.
func reportViolations(p *analyzers.Pass, kinds []schemas.ViolationKind, report func(*analyzers.Pass, *graph.Resource, schemas.Violation)) {
	results := schemaResults(p)
	for _, r := range p.Graph.Resources {
		res := results[r]
		if res == nil {
			continue
		}
		for _, v := range res.violations {
			for _, k := range kinds {
				if v.Kind == k {
					report(p, r, v)
				}
			}
		}
	}
}

// ReportsOn says whether the schema rules report something on r: then
// ML0005 (istio-spec-invalid), which sees the same mistakes through the
// typed decoding and places them only at `spec`, stays silent.
func ReportsOn(p *analyzers.Pass, pr graph.Problem) bool {
	res := schemaResults(p)[pr.Resource]
	return res != nil && len(res.violations) > 0
}

const schemaRuleIntro = "meshlint validates every resource whose kind it has a schema for (the Istio CRDs of " +
	"istio.io/api, the core Kubernetes kinds, the Gateway API CRDs, and CRDs given with `--crd`) the " +
	"way the API server does with strict field validation, the default of `kubectl apply`. "

// SchemaUnknownField reports keys the kind's schema does not define.
var SchemaUnknownField = &analyzers.Rule{
	ID: "ML0101", Name: "schema-unknown-field", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a field is not defined by the kind's schema",
	Istio:   []string{"IST0106"},
	Doc: schemaRuleIntro + "A field the schema does not define is rejected by `kubectl apply` (strict " +
		"field validation) or, with validation off, silently dropped: a misspelt `destinaton` means the " +
		"route has no destination at all. The finding points at the key and suggests the known field " +
		"closest to it. Objects marked `x-kubernetes-preserve-unknown-fields` (an EnvoyFilter patch " +
		"value, say) accept any field; unknown fields under `metadata` are left to the API server.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destinaton:        # did you mean \"destination\"?\n" +
		"        host: reviews\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: reviews\n```\n",
	Run: func(p *analyzers.Pass) {
		reportViolations(p, []schemas.ViolationKind{schemas.UnknownField}, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			msg := "unknown field \"" + v.Path + "\""
			if v.Suggestion != "" {
				msg += "; did you mean \"" + v.Suggestion + "\"?"
			}
			p.ReportKey(r, v.Path, "%s", msg)
		})
	},
}

// SchemaInvalidValue reports values of the wrong type, outside an enum, a
// range, a pattern, a format or a length.
var SchemaInvalidValue = &analyzers.Rule{
	ID: "ML0102", Name: "schema-invalid-value", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a value does not match the kind's schema (type, enum, range, pattern, format, length)",
	Istio:   []string{"IST0106"},
	Doc: schemaRuleIntro + "A value of the wrong type (a string where a list is expected, a quoted " +
		"number), outside the allowed values of an enum, out of range, not matching a pattern or a " +
		"format, too long or too short makes `kubectl apply` fail. The finding points at the value and " +
		"is worded like the API server's error, so that it can be searched for.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: \"*.example.com\"   # must be a list\n" +
		"    tls:\n      mode: SIMPEL             # SIMPLE, MUTUAL, ...\n      credentialName: example-cert\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: [\"*.example.com\"]\n" +
		"    tls:\n      mode: SIMPLE\n      credentialName: example-cert\n```\n",
	Run: func(p *analyzers.Pass) {
		kinds := []schemas.ViolationKind{schemas.Type, schemas.Enum, schemas.Format, schemas.Pattern,
			schemas.Range, schemas.Length, schemas.Items, schemas.Other}
		reportViolations(p, kinds, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			p.Report(r, v.Path, "%s: %s", v.Path, v.Message)
		})
	},
}

// SchemaRequiredFieldMissing reports required fields that are absent.
var SchemaRequiredFieldMissing = &analyzers.Rule{
	ID: "ML0103", Name: "schema-required-field-missing", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a field the kind's schema requires is missing",
	Istio:   []string{"IST0106"},
	Doc: schemaRuleIntro + "A field the schema requires is absent (or null): a DestinationRule without " +
		"`host`, a Gateway server without `port`, a container without `name`. The API server rejects " +
		"the object. The finding points at the object that lacks the field.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - hosts: [\"*\"]        # no port\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - hosts: [\"*\"]\n    port: {number: 80, name: http, protocol: HTTP}\n```\n",
	Run: func(p *analyzers.Pass) {
		reportViolations(p, []schemas.ViolationKind{schemas.Required}, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			p.Report(r, v.Path, "%s: Required value", v.Path)
		})
	},
}

// SchemaNotApplicable reports documents the schema cannot be applied to.
var SchemaNotApplicable = &analyzers.Rule{
	ID: "ML0104", Name: "schema-not-applicable", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a document cannot be validated against its kind's schema",
	Istio:   []string{"IST0106"},
	Doc: schemaRuleIntro + "Some documents cannot be validated at all: a top-level field such as " +
		"`spec` that is not an object (the API server rejects the whole object), or a kind whose " +
		"schema does not load or compile (a broken `--crd` file). meshlint reports it once, on that " +
		"document, and validates the rest of the input.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec: reviews\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec:\n  hosts: [reviews]\n```\n",
	Run: func(p *analyzers.Pass) {
		results := schemaResults(p)
		var unvalidated []string
		for _, r := range p.Graph.Resources {
			res := results[r]
			switch {
			case res == nil:
				unvalidated = append(unvalidated, r.APIVersion+" "+r.Kind)
			case res.err != nil:
				p.Report(r, "kind", "%s cannot be validated: %v", r.APIVersion+" "+r.Kind, res.err)
			default:
				for _, v := range res.violations {
					if v.Kind == schemas.Shape {
						p.Report(r, v.Path, "%s: %s; the document is not validated against the %s schema", v.Path, v.Message, r.APIVersion+" "+r.Kind)
						break // one finding per document
					}
				}
			}
		}
		if len(unvalidated) > 0 {
			p.Debugf("%d of %d resources not validated, no schema for: %s", len(unvalidated), len(p.Graph.Resources),
				strings.Join(slices.Compact(slices.Sorted(slices.Values(unvalidated))), ", "))
		}
	},
}

// KindWithoutSchema lists the resources meshlint cannot validate.
var KindWithoutSchema = &analyzers.Rule{
	ID: "ML0105", Name: "kind-without-schema", Severity: analyzers.SeverityInfo, Since: "0.1.0", NonDefault: true,
	Summary: "meshlint has no schema for a kind, so it is not validated",
	Doc: "meshlint validates the Istio CRDs, the core Kubernetes kinds and the Gateway API CRDs. " +
		"Resources of other kinds (a cert-manager Certificate, an Argo Rollout, your own CRDs) are " +
		"skipped silently by default. With `--strict-kinds` (or `strictKinds: true` in the config file, " +
		"or enabling this rule) each one is listed, so that nothing goes unvalidated by surprise; give " +
		"their CRDs with `--crd FILE|DIR` to validate them too. Removed API versions are reported by " +
		"ML0111 instead.\n\n" +
		"### Bad\n```yaml\napiVersion: cert-manager.io/v1   # no schema: run with --crd certificates.yaml\nkind: Certificate\n" +
		"metadata:\n  name: example\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec:\n  hosts: [reviews]\n```\n",
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.Resources {
			if _, ok, err := p.Schemas.Lookup(gvkOf(r)); ok || err != nil || removedAPI(r) != nil {
				continue
			}
			p.Report(r, "kind", "meshlint has no schema for %s %s, so it is not validated (give its CRD with --crd)", r.APIVersion, r.Kind)
		}
	},
}

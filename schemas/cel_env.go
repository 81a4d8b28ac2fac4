package schemas

import (
	"fmt"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/ext"
)

// Limits of the API server (k8s.io/apiserver/pkg/apis/cel): the cost one
// rule evaluation may reach, and the cost all the rules of one object may
// spend together. Past either the API server stops evaluating and rejects
// the object, and so do we, so a hostile document cannot make a rule run
// for long.
const (
	celPerCallLimit = 1_000_000
	celObjectBudget = 10_000_000
	// celMaxMessageLen bounds what a messageExpression may produce.
	celMaxMessageLen = 5 * 1024
)

// celBaseEnv mirrors the API server's environment for CRD validation
// rules: the same language options and function libraries. The Kubernetes
// libraries that cel-go does not ship (URLs, regex, lists, format) are
// implemented in cel_library.go and cel_format.go; quantity, semver, image
// and authz are not, so rules using them are counted as unsupported.
var celBaseEnv = sync.OnceValues(newCELBaseEnv)

func newCELBaseEnv() (*cel.Env, error) {
	return cel.NewEnv(
		cel.HomogeneousAggregateLiterals(),
		cel.EagerlyValidateDeclarations(true),
		cel.DefaultUTCTimeZone(true),
		cel.CrossTypeNumericComparisons(true),
		cel.OptionalTypes(),
		// The API server keeps has() free, as before cel-go v0.17.7.
		cel.CostEstimatorOptions(cost.PresenceTestHasCost(false)),
		cel.ASTValidators(
			cel.ValidateDurationLiterals(),
			cel.ValidateTimestampLiterals(),
			cel.ValidateRegexLiterals(),
			cel.ValidateHomogeneousAggregateLiterals(),
		),
		ext.Strings(ext.StringsVersion(2)),
		ext.Sets(),
		ext.TwoVarComprehensions(),
		ext.Network(), // Kubernetes' ip()/cidr() library, ported to cel-go
		kubernetesURLs(),
		kubernetesRegex(),
		kubernetesLists(),
		kubernetesFormat(),
	)
}

// celEnvs caches one environment per declared type of self: extending the
// base environment re-validates declarations, which is not free.
var celEnvs sync.Map // string (type) -> *cel.Env

// celEnvFor returns the environment declaring self (and oldSelf, so that
// transition rules compile and can be recognized) with type t.
func celEnvFor(t *cel.Type) (*cel.Env, error) {
	if e, ok := celEnvs.Load(t.String()); ok {
		return e.(*cel.Env), nil
	}
	base, err := celBaseEnv()
	if err != nil {
		return nil, err
	}
	e, err := base.Extend(cel.Variable("self", t), cel.Variable("oldSelf", t))
	if err != nil {
		return nil, err
	}
	actual, _ := celEnvs.LoadOrStore(t.String(), e)
	return actual.(*cel.Env), nil
}

// celProgram is one compiled rule.
type celProgram struct {
	rule    cel.Program
	message cel.Program // nil without a (compilable) messageExpression
	// transition rules read oldSelf, the object before an update: there is
	// none offline, so they are skipped (the API server skips them on create).
	transition bool
	// err says why the rule cannot be evaluated (it does not compile with
	// the functions meshlint has).
	err error
}

type celKey struct{ typ, rule, message string }

// celPrograms caches compiled rules for the life of the process, so that
// each rule is compiled once, on first use, and only for kinds present.
var celPrograms sync.Map // celKey -> *celProgram

func compileRule(t *cel.Type, r ValidationRule) *celProgram {
	key := celKey{t.String(), r.Rule, r.MessageExpression}
	if p, ok := celPrograms.Load(key); ok {
		return p.(*celProgram)
	}
	p := &celProgram{}
	p.rule, p.transition, p.err = compileExpr(t, r.Rule, cel.BoolType)
	if r.MessageExpression != "" && p.err == nil {
		// A messageExpression that does not compile falls back to the
		// message, as one that fails at evaluation does.
		p.message, _, _ = compileExpr(t, r.MessageExpression, cel.StringType)
	}
	actual, _ := celPrograms.LoadOrStore(key, p)
	return actual.(*celProgram)
}

// compileExpr compiles src with self of type t and checks that it yields
// want (or dyn, which object fields are: see celType).
func compileExpr(t *cel.Type, src string, want *cel.Type) (cel.Program, bool, error) {
	env, err := celEnvFor(t)
	if err != nil {
		return nil, false, err
	}
	ast, iss := compileAST(env, src)
	if iss.Err() != nil {
		return nil, false, iss.Err()
	}
	if out := ast.OutputType(); !out.IsExactType(want) && !out.IsExactType(cel.DynType) {
		return nil, false, fmt.Errorf("expression yields %s, not %s", out, want)
	}
	transition := false
	for _, ref := range ast.NativeRep().ReferenceMap() {
		transition = transition || ref.Name == "oldSelf"
	}
	prg, err := env.Program(ast,
		cel.EvalOptions(cel.OptOptimize, cel.OptTrackCost),
		cel.CostLimit(celPerCallLimit),
		cel.CostTrackerOptions(cost.TrackerPresenceTestHasCost(false)),
	)
	return prg, transition, err
}

// compileAST is env.Compile, without parsing an expression the embedded
// bundle holds parsed.
func compileAST(env *cel.Env, src string) (*cel.Ast, *cel.Issues) {
	if ast, ok := parsedCEL(src); ok {
		return env.Check(ast)
	}
	return env.Compile(src)
}

// celType is the CEL type of self for a node of schema s, following the
// API server's conventions, with one simplification: an object with
// declared properties is a map(string, dyn) rather than a declared object
// type. Field selection, has() and "no such key" behave the same; a rule
// misusing a field's type is caught at evaluation instead of compilation.
func celType(s *Schema) *cel.Type {
	if s == nil || s.IntOrString {
		return cel.DynType
	}
	switch s.Type {
	case "integer":
		return cel.IntType
	case "number":
		return cel.DoubleType
	case "boolean":
		return cel.BoolType
	case "string":
		return celStringType(s.Format)
	case "array":
		return cel.ListType(celType(s.Items))
	case "object":
		if ap := s.AdditionalProperties; len(s.Properties) == 0 && ap != nil && ap.Schema != nil {
			return cel.MapType(cel.StringType, celType(ap.Schema))
		}
		return cel.MapType(cel.StringType, cel.DynType)
	}
	return cel.DynType
}

// celStringType gives the formats the API server converts their own type.
func celStringType(format string) *cel.Type {
	switch format {
	case "byte":
		return cel.BytesType
	case "duration":
		return cel.DurationType
	case "date", "date-time":
		return cel.TimestampType
	}
	return cel.StringType
}

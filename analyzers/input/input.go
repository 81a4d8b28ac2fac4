package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
)

// problemRule builds a rule that reports the loader's problems of one kind.
func problemRule(kind graph.ProblemKind) func(*analyzers.Pass) {
	return problemRuleUnless(kind, nil)
}

// problemRuleUnless is problemRule without the problems that skip says
// another rule reports better.
func problemRuleUnless(kind graph.ProblemKind, skip func(*analyzers.Pass, graph.Problem) bool) func(*analyzers.Pass) {
	return func(p *analyzers.Pass) {
		for _, pr := range p.Graph.Problems {
			if pr.Kind != kind || skip != nil && skip(p, pr) {
				continue
			}
			f := p.ReportAt(pr.Location, pr.Resource, pr.Path, pr.Message)
			f.Related = append(f.Related, pr.Related...)
		}
	}
}

// YAMLSyntax reports documents that do not parse.
var YAMLSyntax = &analyzers.Rule{
	ID: "ML0001", Name: "yaml-syntax-error", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a YAML document does not parse",
	Doc: "The document is not valid YAML, so `kubectl apply` rejects the whole file. " +
		"meshlint reports the error at its line and goes on with the other documents of the file.\n\n" +
		"### Bad\n```yaml\nmetadata:\n  name: reviews\n   namespace: bookinfo   # indented one space too far\n```\n\n" +
		"### Good\n```yaml\nmetadata:\n  name: reviews\n  namespace: bookinfo\n```\n",
	Run: problemRule(graph.ProblemSyntax),
}

// DuplicateKey reports a mapping that repeats a key.
var DuplicateKey = &analyzers.Rule{
	ID: "ML0002", Name: "duplicate-key", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a mapping defines the same key twice",
	Doc: "YAML parsers disagree on repeated keys: some keep the first, most keep the last, strict ones " +
		"refuse the document. Either way one of the two values is silently lost. The finding points at " +
		"the second key; the first is a related location.\n\n" +
		"### Bad\n```yaml\nspec:\n  hosts: [reviews]\n  hosts: [ratings]\n```\n\n" +
		"### Good\n```yaml\nspec:\n  hosts: [reviews, ratings]\n```\n",
	Run: problemRule(graph.ProblemDuplicateKey),
}

// DuplicateResource reports an object defined twice in the analyzed files.
var DuplicateResource = &analyzers.Rule{
	ID: "ML0003", Name: "duplicate-resource", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "the same kind, namespace and name is defined twice",
	Doc: "Two documents describe the same object (same kind, namespace and name). Applied together, " +
		"the later silently replaces the earlier, so half of the intended configuration is lost. " +
		"The finding points at the second definition; the first is a related location. " +
		"Documents without a namespace count as being in the default namespace (`-n`).\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n" +
		"spec:\n  host: reviews\n  subsets: [{name: v1, labels: {version: v1}}]\n---\n" +
		"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n" +
		"spec:\n  host: reviews\n  subsets: [{name: v2, labels: {version: v2}}]\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n" +
		"spec:\n  host: reviews\n  subsets:\n  - {name: v1, labels: {version: v1}}\n  - {name: v2, labels: {version: v2}}\n```\n",
	Run: problemRule(graph.ProblemDuplicateResource),
}

// InvalidResource reports documents that are not Kubernetes objects.
var InvalidResource = &analyzers.Rule{
	ID: "ML0004", Name: "invalid-object", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a document is not a Kubernetes object",
	Doc: "Every document must be a mapping with `apiVersion`, `kind` and `metadata.name`; the API server " +
		"rejects anything else, and meshlint cannot analyze it.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nmetadata:\n  name: reviews\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n```\n",
	Run: problemRule(graph.ProblemInvalidResource),
}

// InvalidIstioSpec reports Istio specs that do not decode into their type.
var InvalidIstioSpec = &analyzers.Rule{
	ID: "ML0005", Name: "istio-spec-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an Istio spec does not decode into its API type",
	Doc: "The `spec` of an Istio resource does not decode into its API type (a malformed duration, a " +
		"string where a list is expected, an unknown enum value). Istio rejects it; the resource stays " +
		"in the graph for other rules, but its spec is not analyzed. When meshlint has the kind's schema " +
		"and the schema rules (ML0101-ML0104) report the resource, they say precisely what is wrong and " +
		"where, and this rule stays silent; it remains for what only the typed decoding sees.\n\n" +
		"### Bad\n```yaml\nkind: VirtualService\nspec:\n  hosts: [reviews]\n  http:\n  - timeout: 10x      # not a duration\n```\n\n" +
		"### Good\n```yaml\nkind: VirtualService\nspec:\n  hosts: [reviews]\n  http:\n  - timeout: 10s\n```\n",
	Run: problemRuleUnless(graph.ProblemSpecDecode, schema.ReportsOn),
}

// LimitExceeded reports input that hit a safety limit.
var LimitExceeded = &analyzers.Rule{
	ID: "ML0006", Name: "input-limit-exceeded", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an input exceeds a safety limit and is not fully linted",
	Doc: "meshlint bounds the work spent on each file (size, documents, alias expansion) so that a " +
		"hostile or broken file cannot exhaust memory. What lies beyond the limit is not linted; " +
		"the rest of the input still is.\n\n" +
		"### Bad\n```yaml\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on: exponential expansion\n```\n\n" +
		"### Good\n```yaml\n# plain manifests without runaway alias expansion\n```\n",
	Run: problemRule(graph.ProblemLimit),
}

// HelmChartNotLinted says that a Helm chart met in a walk was skipped.
var HelmChartNotLinted = &analyzers.Rule{
	ID: "ML0007", Name: "helm-chart-not-linted", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary: "a Helm chart's templates are not linted until rendered",
	Doc: "A directory holding a `Chart.yaml` is a Helm chart: its templates are Go templates that " +
		"become YAML only once rendered with the chart's values. Read as they are, every `{{ ... }}` " +
		"would be a syntax error or a wrong value. So a walk reads only the `Chart.yaml`, reports this " +
		"(at severity info, which fails no build by default), and lints nothing else below it. Lint " +
		"the rendered chart, with the values you deploy, instead; a template named on the command line " +
		"is still read as it is.\n\n" +
		"### Bad\n```sh\nmeshlint deploy/          # deploy/payments/Chart.yaml: the chart is skipped\n```\n\n" +
		"### Good\n```sh\nhelm template deploy/payments -f prod-values.yaml | meshlint -\n```\n",
	Run: problemRule(graph.ProblemHelmChart),
}

package lifecycle

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// WorkloadBeforeItsConfig reports a ServiceAccount, ConfigMap or Secret
// applied after a workload whose pods need it.
var WorkloadBeforeItsConfig = &analyzers.Rule{
	ID: "ML7004", Name: "workload-before-its-config", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:  append(graph.WorkloadKinds(), graph.KindServiceAccount, graph.KindConfigMap, graph.KindSecret),
	Summary: "a ServiceAccount, ConfigMap or Secret comes after a workload that uses it: its pods cannot start until it is applied",
	Fixable: true,
	Doc:     analyzers.MustDoc(ruleDocs, "ML7004"),
	Run:     runWorkloadBeforeItsConfig,
}

// defaultServiceAccount exists in every namespace (the token controller
// creates it), whatever the input says.
const defaultServiceAccount = "default"

func runWorkloadBeforeItsConfig(p *analyzers.Pass) {
	var late lateDefinitions
	uses := map[*graph.Resource]map[string]bool{}
	useAt := map[string]string{} // the use of each reference field, by path
	for _, r := range p.Graph.Resources {
		for _, ref := range r.PodRefs() {
			def := usedDefinition(p.Graph, r, ref)
			if def == nil || graph.AppliedBefore(def, r) {
				continue
			}
			late.add(def, "metadata.name", r, ref.Path)
			if uses[def] == nil {
				uses[def] = map[string]bool{}
			}
			uses[def][ref.Use] = true
			useAt[ref.Path] = ref.Use
		}
	}
	for _, d := range late.order {
		f := p.Report(d.def, d.path, "%s %s comes after %s, which uses it: applied in this order, %s; move the %s before them",
			d.def.Kind, d.def.Name, d.describe(), consequence(uses[d.def]), d.def.Kind)
		for i, r := range d.earlier {
			f.RelateResource(r, d.paths[i], "%s %s it, earlier in the input", name(r), useVerbs[useAt[d.paths[i]]])
		}
		d.fixOrder(f)
	}
}

// useVerbs say how a workload uses the object, for its related location.
var useVerbs = map[string]string{
	graph.PodUseServiceAccount: "runs as",
	graph.PodUseEnv:            "reads environment variables from",
	graph.PodUseVolume:         "mounts",
	graph.PodUseImagePull:      "pulls images with",
}

// usedDefinition is the first copy, in the input, of the object ref names
// in r's namespace; nil when the input lacks it or the reference is not
// judged (optional, a placeholder, the default ServiceAccount).
func usedDefinition(g *graph.Graph, r *graph.Resource, ref graph.PodRef) *graph.Resource {
	if ref.Optional || graph.HasPlaceholder(ref.Name) || graph.HasPlaceholder(r.Namespace) {
		return nil
	}
	if ref.Use == graph.PodUseServiceAccount && ref.Name == defaultServiceAccount {
		return nil
	}
	def := g.Get(graph.Key{GroupKind: ref.Kind, Namespace: r.Namespace, Name: ref.Name})
	if def == nil || def.Implied != "" {
		return nil
	}
	return g.FirstCopy(def)
}

// consequence says what the pods do until the object exists, for each
// way they use it.
func consequence(uses map[string]bool) string {
	var out []string
	if uses[graph.PodUseServiceAccount] {
		out = append(out, "the API server refuses their pods (ServiceAccount admission: serviceaccount not found), so a Pod fails to apply and a controller creates no pods until it exists")
	}
	if uses[graph.PodUseEnv] {
		out = append(out, "containers that read their environment from it wait in CreateContainerConfigError until it exists")
	}
	if uses[graph.PodUseVolume] {
		out = append(out, "pods that mount it stay in ContainerCreating (the volume cannot be set up) until it exists")
	}
	if uses[graph.PodUseImagePull] {
		out = append(out, "the kubelet pulls their images without these credentials, which a private registry refuses (ErrImagePull) until it exists")
	}
	return strings.Join(out, "; ")
}

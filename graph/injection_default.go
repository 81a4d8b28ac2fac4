package graph

// InjectByDefault is the injector's enableNamespacesByDefault setting and
// where it comes from. When on, a default install adds a webhook that
// selects every pod of a namespace labelled neither istio-injection nor
// istio.io/rev (system namespaces excepted) when the pod is labelled
// neither sidecar.istio.io/inject nor istio.io/rev.
type InjectByDefault struct {
	On bool
	// Source is the IstioOperator that sets it, at Path; nil when the
	// meshlint config states it (or nothing does).
	Source *Resource
	Path   string
}

// enableByDefaultPath is where an IstioOperator sets the Helm value.
const enableByDefaultPath = "spec.values.sidecarInjectorWebhook.enableNamespacesByDefault"

// InjectByDefault returns the enableNamespacesByDefault setting in force.
func (g *Graph) InjectByDefault() InjectByDefault { return g.injectByDefault }

// resolveInjectByDefault takes the user's statement, else the setting of
// the IstioOperators that install the default revision (the only one the
// webhook exists for), else that of the default revision's injector
// ConfigMap (its values mirror the install's); sources that disagree
// leave it off.
func resolveInjectByDefault(stated *bool, operators, configMaps []*Resource) InjectByDefault {
	if stated != nil {
		return InjectByDefault{On: *stated}
	}
	if found, ok := firstEnablesByDefault(operators, operatorEnablesByDefault, enableByDefaultPath); ok {
		return found
	}
	found, _ := firstEnablesByDefault(configMaps, injectorEnablesByDefault, "data.values")
	return found
}

// firstEnablesByDefault reads the setting from sources with read; ok is
// false when none sets it.
func firstEnablesByDefault(sources []*Resource, read func(*Resource) (on, ok bool), path string) (found InjectByDefault, ok bool) {
	for _, r := range sources {
		on, set := read(r)
		switch {
		case !set:
		case !on:
			return InjectByDefault{}, true
		case found.Source == nil:
			found, ok = InjectByDefault{On: true, Source: r, Path: path}, true
		}
	}
	return found, ok
}

// injectorEnablesByDefault reads sidecarInjectorWebhook.enableNamespacesByDefault
// from the values of the default revision's injector ConfigMap.
func injectorEnablesByDefault(r *Resource) (on, ok bool) {
	if r.Name != InjectorConfigMapName("") || r.ShadowedBy != nil {
		return false, false
	}
	v, _, decoded := readInjectorValues(r)
	if !decoded || v.SidecarInjectorWebhook.EnableNamespacesByDefault == nil {
		return false, false
	}
	return *v.SidecarInjectorWebhook.EnableNamespacesByDefault, true
}

// operatorEnablesByDefault reads the value from an IstioOperator of the
// default revision; ok is false when it sets none (or no boolean).
func operatorEnablesByDefault(r *Resource) (on, ok bool) {
	spec, _ := r.Object["spec"].(map[string]any)
	if rev, _ := spec["revision"].(string); rev != "" && rev != "default" {
		return false, false
	}
	values, _ := spec["values"].(map[string]any)
	webhook, _ := values["sidecarInjectorWebhook"].(map[string]any)
	on, ok = webhook["enableNamespacesByDefault"].(bool)
	return on, ok
}

// injectedByDefault is the verdict of the enableNamespacesByDefault
// webhook; ok is false when it does not select the pod. Namespace labels
// istio-injection and istio.io/rev were handled before; a Namespace not
// in the files may carry them, so its pods stay unknown.
func (g *Graph) injectedByDefault(r *Resource, ns *Resource) (InjectionVerdict, bool) {
	d := g.injectByDefault
	if !d.On || ns == nil {
		return InjectionVerdict{}, false
	}
	_, nsRev := ns.Labels[LabelRevision]
	_, nsInject := ns.Labels[LabelIstioInjection]
	_, podInject := r.Workload.Labels[LabelSidecarInject]
	_, podRev := r.Workload.Labels[LabelRevision]
	if nsRev || nsInject || podInject || podRev {
		return InjectionVerdict{}, false
	}
	where := "the meshlint config's injection.enableNamespacesByDefault"
	if d.Source != nil {
		where = d.Source.String() + "'s " + d.Path
	}
	v := InjectionVerdict{Mode: ModeSidecar, Reason: "injection is on by default (" + where + ": true) and neither it nor namespace " + ns.Name + " opts out",
		Decider: d.Source, Path: d.Path}
	return injectorOptOut(r, v), true
}

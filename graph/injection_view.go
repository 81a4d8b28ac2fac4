package graph

import (
	"slices"
	"strconv"
)

// Where a workload's pods run, as the injection webhook and ztunnel decide.
const (
	ModeSidecar = "sidecar" // the webhook injects an istio-proxy container
	ModeAmbient = "ambient" // ztunnel captures the pods
	ModeOutside = "outside" // out of the mesh
	ModeUnknown = "unknown" // depends on a Namespace object not in the files
)

// LabelSidecarInject is the pod label (and deprecated annotation) that
// opts a pod in or out of sidecar injection.
const LabelSidecarInject = "sidecar.istio.io/inject"

// SystemNamespaces are the namespaces the injector never injects into.
var SystemNamespaces = []string{"kube-system", "kube-public", "kube-node-lease", "local-path-storage"}

// InjectionVerdict is where a workload's pods run and why.
type InjectionVerdict struct {
	Mode   string
	Reason string // says what decided, naming the label or field
	// Decider is the resource whose field at Path decided: the workload,
	// its Namespace, or the IstioOperator that enables injection by
	// default; nil when nothing is written (ModeUnknown, no label
	// anywhere, or the meshlint config enables injection by default).
	Decider *Resource
	Path    string
	// ByWorkload is true when the workload decides for itself, whatever
	// its namespace says (or would say): an explicit label or annotation,
	// hostNetwork, or an istio-proxy container already in the spec.
	ByWorkload bool
}

// Injection decides where the pods of workload r run. The webhooks of an
// Istio install select pods by labels only: istio-injection=enabled on the
// namespace (pods not labelled sidecar.istio.io/inject=false), else
// istio.io/rev on the namespace, else istio.io/rev or
// sidecar.istio.io/inject=true on the pod; any other istio-injection value
// selects nothing. The injector then skips hostNetwork pods, system
// namespaces and pods whose label (or, without one, annotation) says
// "false". With enableNamespacesByDefault (InjectByDefault), one more
// webhook selects the pods that neither they nor their namespace label.
// Pods not injected are ambient when they say
// istio.io/dataplane-mode=ambient, or their namespace does and they do not
// say none (the CNI's default enablement selectors); the CNI never
// captures a pod with a sidecar, so injection wins over ambient.
func (g *Graph) Injection(r *Resource) InjectionVerdict {
	// Many rules ask for every workload's verdict, which a built graph
	// never changes: it is decided once. Concurrent first askers decide
	// the same verdict; either is kept.
	w := r.Workload
	if w == nil {
		return g.decideInjection(r)
	}
	if v := w.injection.Load(); v != nil {
		return *v
	}
	v := g.decideInjection(r)
	w.injection.Store(&v)
	return v
}

func (g *Graph) decideInjection(r *Resource) InjectionVerdict {
	w := r.Workload
	if w == nil {
		return InjectionVerdict{Mode: ModeOutside, Reason: r.String() + " runs no pods"}
	}
	if v, ok := injectionFixed(r); ok {
		return v
	}
	ns := g.Namespace(r.Namespace)
	if templated(w.Labels, w.Annotations) || (ns != nil && templated(ns.Labels, nil)) {
		return InjectionVerdict{Mode: ModeUnknown, Reason: "its injection labels hold template placeholders"}
	}
	if v, ok := webhookSelects(r, ns); ok {
		return ambientUnlessInjected(r, ns, v)
	}
	if v, ok := g.injectedByDefault(r, ns); ok {
		return ambientUnlessInjected(r, ns, v)
	}
	return ambientOrOutside(r, ns)
}

// ambientUnlessInjected lets the ambient CNI capture a pod the injector
// leaves alone: it enrols every pod without a sidecar whose labels or
// namespace ask for ambient, whatever sidecar labels say.
func ambientUnlessInjected(r *Resource, ns *Resource, v InjectionVerdict) InjectionVerdict {
	if v.Mode == ModeOutside && ambientCaptures(r.Workload.Labels, ns) {
		return ambientOrOutside(r, ns)
	}
	return v
}

// ambientCaptures follows the CNI's default enablement selectors: a pod
// labelled istio.io/dataplane-mode=ambient, or any pod of a namespace so
// labelled unless the pod says istio.io/dataplane-mode=none.
func ambientCaptures(podLabels map[string]string, ns *Resource) bool {
	mode, labelled := podLabels[LabelDataplaneMode]
	if mode == DataplaneAmbient {
		return true
	}
	return ns != nil && ns.Labels[LabelDataplaneMode] == DataplaneAmbient && (!labelled || mode != DataplaneNone)
}

// injectionFixed decides what no label can change: a proxy already in
// the spec (an istio-proxy container with image "auto" is a placeholder
// for injection, not one), hostNetwork, a system namespace.
func injectionFixed(r *Resource) (InjectionVerdict, bool) {
	w := r.Workload
	spec := JoinPath(w.TemplatePath, "spec")
	switch {
	case w.ProxyAutoPath == "" && (slices.Contains(w.Containers, "istio-proxy") || slices.Contains(w.InitContainers, "istio-proxy")):
		return InjectionVerdict{Mode: ModeSidecar, Reason: "its pod spec has an istio-proxy container", Decider: r, Path: spec, ByWorkload: true}, true
	case w.ProxyImage:
		return InjectionVerdict{Mode: ModeSidecar, Reason: "it runs Istio's proxy image (proxyv2)", Decider: r, Path: JoinPath(spec, "containers"), ByWorkload: true}, true
	case w.HostNetwork:
		return InjectionVerdict{Mode: ModeOutside, Reason: "hostNetwork: true pods are never injected", Decider: r, Path: JoinPath(spec, "hostNetwork"), ByWorkload: true}, true
	case slices.Contains(SystemNamespaces, r.Namespace):
		return InjectionVerdict{Mode: ModeOutside, Reason: "namespace " + r.Namespace + " is a system namespace, never injected", Decider: r, Path: "metadata.namespace"}, true
	}
	return InjectionVerdict{}, false
}

// webhookSelects applies the webhooks' selectors and the injector's
// opt-out; ok is false when no webhook selects the pod and the namespace
// does not rule it out.
func webhookSelects(r *Resource, ns *Resource) (InjectionVerdict, bool) {
	w := r.Workload
	labelsPath := JoinPath(w.TemplatePath, "metadata", "labels")
	podLabel, labelled := w.Labels[LabelSidecarInject]
	optOut := labelled && podLabel == "false"
	var nsLabels map[string]string
	if ns != nil {
		nsLabels = ns.Labels
	}
	if nsInj, ok := nsLabels[LabelIstioInjection]; ok {
		nsPath := JoinPath("metadata", "labels", LabelIstioInjection)
		switch {
		case nsInj != "enabled":
			return InjectionVerdict{Mode: ModeOutside, Reason: "namespace " + ns.Name + " says istio-injection: " + strconv.Quote(nsInj) + ", which no webhook selects", Decider: ns, Path: nsPath}, true
		case optOut:
			return InjectionVerdict{Mode: ModeOutside, Reason: "its label sidecar.istio.io/inject: \"false\" wins over the namespace's istio-injection: enabled", Decider: r, Path: JoinPath(labelsPath, LabelSidecarInject), ByWorkload: true}, true
		}
		return injectorOptOut(r, InjectionVerdict{Mode: ModeSidecar, Reason: "namespace " + ns.Name + " says istio-injection: enabled", Decider: ns, Path: nsPath}), true
	}
	if optOut {
		return InjectionVerdict{Mode: ModeOutside, Reason: "its label sidecar.istio.io/inject: \"false\" opts it out", Decider: r, Path: JoinPath(labelsPath, LabelSidecarInject), ByWorkload: true}, true
	}
	if rev := nsLabels[LabelRevision]; rev != "" {
		return injectorOptOut(r, InjectionVerdict{Mode: ModeSidecar, Reason: "namespace " + ns.Name + " says istio.io/rev: " + rev, Decider: ns, Path: JoinPath("metadata", "labels", LabelRevision)}), true
	}
	if rev := w.Labels[LabelRevision]; rev != "" {
		return injectorOptOut(r, InjectionVerdict{Mode: ModeSidecar, Reason: "its label istio.io/rev: " + rev + " selects it", Decider: r, Path: JoinPath(labelsPath, LabelRevision), ByWorkload: true}), true
	}
	if podLabel == "true" {
		return InjectionVerdict{Mode: ModeSidecar, Reason: "its label sidecar.istio.io/inject: \"true\" selects it", Decider: r, Path: JoinPath(labelsPath, LabelSidecarInject), ByWorkload: true}, true
	}
	return InjectionVerdict{}, false
}

// injectorOptOut turns a pod the webhook selected out of the mesh when
// its annotation (read only without the label) says "false".
func injectorOptOut(r *Resource, v InjectionVerdict) InjectionVerdict {
	w := r.Workload
	if _, labelled := w.Labels[LabelSidecarInject]; labelled {
		return v
	}
	if w.Annotations[LabelSidecarInject] == "false" {
		path := JoinPath(w.TemplatePath, "metadata", "annotations", LabelSidecarInject)
		return InjectionVerdict{Mode: ModeOutside, Reason: "its annotation sidecar.istio.io/inject: \"false\" opts it out", Decider: r, Path: path, ByWorkload: true}
	}
	return v
}

// ambientOrOutside decides for pods no webhook injects.
func ambientOrOutside(r *Resource, ns *Resource) InjectionVerdict {
	w := r.Workload
	labelsPath := JoinPath(w.TemplatePath, "metadata", "labels")
	_, annotated := w.Annotations[LabelSidecarInject]
	_, labelled := w.Labels[LabelSidecarInject]
	byWorkload := labelled || (annotated && w.Annotations[LabelSidecarInject] != "true")
	modePath := JoinPath(labelsPath, LabelDataplaneMode)
	switch mode, labelled := w.Labels[LabelDataplaneMode]; {
	case mode == DataplaneAmbient:
		return InjectionVerdict{Mode: ModeAmbient, Reason: "its label istio.io/dataplane-mode: ambient", Decider: r, Path: modePath, ByWorkload: true}
	case mode == DataplaneNone:
		return InjectionVerdict{Mode: ModeOutside, Reason: "its label istio.io/dataplane-mode: none opts it out of ambient", Decider: r, Path: modePath, ByWorkload: true}
	case labelled && ns == nil:
		return InjectionVerdict{Mode: ModeUnknown, Reason: "its label istio.io/dataplane-mode: " + strconv.Quote(mode) + " opts out of nothing, and its namespace " + r.Namespace + " is not in the files"}
	case labelled && ns.Labels[LabelDataplaneMode] != DataplaneAmbient:
		return InjectionVerdict{Mode: ModeOutside, Reason: "its label istio.io/dataplane-mode: " + strconv.Quote(mode) + " asks for nothing (only ambient enrols a pod)", Decider: r, Path: modePath, ByWorkload: true}
	case ns == nil:
		return InjectionVerdict{Mode: ModeUnknown, Reason: "its namespace " + r.Namespace + " is not in the files", ByWorkload: byWorkload}
	case ns.Labels[LabelDataplaneMode] == DataplaneAmbient:
		return InjectionVerdict{Mode: ModeAmbient, Reason: "namespace " + ns.Name + " says istio.io/dataplane-mode: ambient", Decider: ns, Path: JoinPath("metadata", "labels", LabelDataplaneMode), ByWorkload: byWorkload}
	}
	return InjectionVerdict{Mode: ModeOutside, Reason: "neither it nor namespace " + ns.Name + " asks for injection", Decider: ns, Path: "metadata.labels", ByWorkload: byWorkload}
}

// templated reports whether an injection label or annotation holds a
// template placeholder: its value is not known until rendered.
func templated(labels, annotations map[string]string) bool {
	for _, key := range []string{LabelIstioInjection, LabelRevision, LabelDataplaneMode, LabelSidecarInject} {
		if HasPlaceholder(labels[key]) {
			return true
		}
	}
	return HasPlaceholder(annotations[LabelSidecarInject])
}

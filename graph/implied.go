package graph

import (
	"strconv"
	"strings"
)

// Implied resources are objects Istio creates by itself, which the
// analyzed files imply without containing them: the Services and pods of
// an install (istiod, the ingress and egress gateways), and the Service
// and Deployment Istio deploys for each Gateway API Gateway. Routes and
// DestinationRules name their hosts every day; reporting those as missing
// would be a false error. They join the indexes and edges like any
// resource, marked Implied, and are kept apart from Resources, which are
// what the files define.

// Where implied resources come from, as messages print them after "implied: ".
const (
	impliedByEveryInstall   = "created by every Istio install"
	impliedByDefaultInstall = "created by a default Istio install"
	impliedByEgressInstall  = "created by an Istio install with an egress gateway, such as the demo profile"
)

// The control plane and the egress gateway of a default install; the
// ingress gateway's names come from the MeshConfig.
const (
	IstiodName        = "istiod"
	DefaultEgressName = "istio-egressgateway"
	egressSelector    = "egressgateway"
)

// Labels and annotation of the gateways Istio deploys for Gateway API Gateways.
const (
	LabelGatewayName         = "gateway.networking.k8s.io/gateway-name"
	labelGatewayClassName    = "gateway.networking.k8s.io/gateway-class-name"
	annotationGatewayNameFor = "gateway.istio.io/name-override"
	// gatewayStatusPort is the readiness port every deployed gateway's Service has.
	gatewayStatusPort = 15021
)

// impliedObject is an object to add, why it exists, and, for a workload,
// the labels that identify its pods.
type impliedObject struct {
	obj    map[string]any
	reason string
	pods   map[string]string
}

// addImplied adds the implied resources: those of a default install
// unless AssumeDefaultIngress is off, and those of the Gateway API
// Gateways in the files. What the files define wins: a resource is not
// implied when its kind, namespace and name are taken, nor a workload
// when the files already run its pods in its namespace.
func (g *Graph) addImplied() {
	var objs []impliedObject
	if g.opts.AssumeDefaultIngress {
		objs = append(objs, installObjects(g.opts.Mesh)...)
	}
	for _, gw := range g.OfKind(KindK8sGateway) {
		objs = append(objs, gatewayDeploymentObjects(gw)...)
	}
	for _, o := range objs {
		r := newImplied(o.obj, o.reason)
		if g.byKey[r.Key()] != nil || (o.pods != nil && g.runsPods(r.Namespace, o.pods)) {
			continue
		}
		decodeSpecs(r)
		g.byKey[r.Key()] = r
		g.byKind[r.GroupKind()] = append(g.byKind[r.GroupKind()], r)
		g.Implied = append(g.Implied, r)
	}
}

// runsPods reports whether a workload of the files in namespace ns has pods
// with the labels of selector.
func (g *Graph) runsPods(ns string, selector map[string]string) bool {
	for _, r := range g.Resources {
		if r.Workload != nil && r.Namespace == ns && SelectorMatches(selector, r.Workload.Labels) {
			return true
		}
	}
	return false
}

// newImplied makes a resource of an object the graph built itself.
func newImplied(obj map[string]any, reason string) *Resource {
	meta := obj["metadata"].(map[string]any)
	r := &Resource{Object: obj, Implied: reason, Labels: stringMap(meta["labels"])}
	r.APIVersion, _ = obj["apiVersion"].(string)
	r.Kind, _ = obj["kind"].(string)
	r.Name, _ = meta["name"].(string)
	r.Namespace, _ = meta["namespace"].(string)
	r.Group, r.Version = splitAPIVersion(r.APIVersion)
	return r
}

// installObjects are the resources of a default install the graph implies.
func installObjects(mc MeshConfig) []impliedObject {
	ns := mc.RootNamespace
	ingress := map[string]string{"istio": mc.IngressSelector, "app": mc.IngressService}
	egress := map[string]string{"istio": egressSelector, "app": DefaultEgressName}
	istiod := map[string]string{"istio": "pilot", "app": IstiodName}
	return []impliedObject{
		// A gateway's ports are the install's choice: none is assumed, so
		// any port a route names is accepted.
		{obj: serviceObject(ns, mc.IngressService, ingress, nil), reason: impliedByDefaultInstall},
		{obj: deploymentObject(ns, mc.IngressService, ingress), reason: impliedByDefaultInstall, pods: map[string]string{"istio": mc.IngressSelector}},
		{obj: serviceObject(ns, DefaultEgressName, egress, nil), reason: impliedByEgressInstall},
		{obj: deploymentObject(ns, DefaultEgressName, egress), reason: impliedByEgressInstall, pods: map[string]string{"istio": egressSelector}},
		// istiod's ports are fixed by its chart.
		{obj: serviceObject(ns, IstiodName, istiod, []servicePort{{"grpc-xds", 15010}, {"https-dns", 15012}, {"https-webhook", 443}, {"http-monitoring", 15014}}),
			reason: impliedByEveryInstall},
	}
}

// InstallWorkloads are the gateway workloads a default install runs,
// whether or not the graph assumes them.
func InstallWorkloads(mc MeshConfig) []*Workload {
	var ws []*Workload
	for _, o := range installObjects(mc) {
		if o.pods != nil {
			r := newImplied(o.obj, o.reason)
			decodeSpecs(r)
			ws = append(ws, &Workload{Resource: r, Namespace: r.Namespace, Name: r.Name, Labels: r.Workload.Labels})
		}
	}
	return ws
}

// gatewayDeploymentObjects are the Service and Deployment Istio deploys for
// a Gateway API Gateway of a class it manages: named <gateway>-<class>
// (the class "istio-waypoint" keeps the Gateway's name), unless the
// gateway.istio.io/name-override annotation names them; the Service has
// the status port and one port per listener port. A Gateway whose single
// address is a hostname points at an existing Service: nothing is
// deployed for it.
func gatewayDeploymentObjects(gw *Resource) []impliedObject {
	spec, _ := gw.Object["spec"].(map[string]any)
	class, _ := spec["gatewayClassName"].(string)
	name := ""
	switch class {
	case "istio":
		name = gw.Name + "-" + class
	case "istio-waypoint":
		name = gw.Name
	default:
		return nil
	}
	if override := gw.Annotations[annotationGatewayNameFor]; override != "" {
		name = override
	}
	if !deploysGateway(spec) {
		return nil
	}
	reason := "created by Istio for Gateway " + gw.NamespacedName() + " (gatewayClassName " + class + ")"
	selector := map[string]string{LabelGatewayName: gw.Name}
	pods := map[string]string{LabelGatewayName: gw.Name, labelGatewayClassName: class, "sidecar.istio.io/inject": "false"}
	return []impliedObject{
		{obj: serviceObject(gw.Namespace, name, selector, listenerPorts(spec)), reason: reason},
		{obj: deploymentObject(gw.Namespace, name, pods), reason: reason, pods: selector},
	}
}

// deploysGateway follows Istio's rule for managed Gateways: no address, or
// a single IP address; a single hostname names an existing Service, and
// several addresses are not supported.
func deploysGateway(spec map[string]any) bool {
	addrs, _ := spec["addresses"].([]any)
	switch len(addrs) {
	case 0:
		return true
	case 1:
		a, _ := addrs[0].(map[string]any)
		t, _ := a["type"].(string)
		return t == "" || t == "IPAddress"
	}
	return false
}

// listenerPorts are the ports of a deployed gateway's Service: the status
// port, then each listener port once.
func listenerPorts(spec map[string]any) []servicePort {
	ports := []servicePort{{"status-port", gatewayStatusPort}}
	seen := map[int]bool{}
	listeners, _ := spec["listeners"].([]any)
	for i, l := range listeners {
		lm, _ := l.(map[string]any)
		port := intValue(lm["port"])
		if port == 0 || seen[port] {
			continue
		}
		seen[port] = true
		name, _ := lm["name"].(string)
		if name == "" {
			name = "listener-" + strconv.Itoa(i)
		}
		ports = append(ports, servicePort{strings.ToLower(name), port})
	}
	return ports
}

type servicePort struct {
	name string
	port int
}

func serviceObject(ns, name string, selector map[string]string, ports []servicePort) map[string]any {
	spec := map[string]any{"selector": anyMap(selector)}
	if len(ports) > 0 {
		list := make([]any, len(ports))
		for i, p := range ports {
			list[i] = map[string]any{"name": p.name, "port": int64(p.port), "protocol": "TCP"}
		}
		spec["ports"] = list
	}
	return map[string]any{
		"apiVersion": "v1", "kind": "Service",
		"metadata": map[string]any{"name": name, "namespace": ns, "labels": anyMap(selector)},
		"spec":     spec,
	}
}

// deploymentObject is a Deployment whose pods carry labels and run the
// proxy alone, as every gateway does.
func deploymentObject(ns, name string, labels map[string]string) map[string]any {
	container := map[string]any{"name": "istio-proxy", "image": "auto"}
	return map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": name, "namespace": ns, "labels": anyMap(labels)},
		"spec": map[string]any{
			"selector": map[string]any{"matchLabels": anyMap(labels)},
			"template": map[string]any{
				"metadata": map[string]any{"labels": anyMap(labels)},
				"spec":     map[string]any{"containers": []any{container}},
			},
		},
	}
}

func anyMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

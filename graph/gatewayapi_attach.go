package graph

import (
	"slices"
	"strings"
)

// AttachReason is why a route does or does not attach to a parent's
// listeners, after the Gateway API conditions Istio sets on the route.
type AttachReason int

const (
	// AttachUnknown: the files cannot tell (a placeholder, a Selector
	// naming a Namespace the files do not define, a protocol the graph
	// does not judge, a parent without listeners in the files).
	AttachUnknown AttachReason = iota
	// Attached: at least one listener accepts the route.
	Attached
	// AttachNoListener: no listener has the parentRef's sectionName or port
	// (Accepted=False, NoMatchingParent).
	AttachNoListener
	// AttachNoHostname: no route hostname intersects the hostname of a
	// listener the parentRef selects (NoMatchingListenerHostname).
	AttachNoHostname
	// AttachNamespaceNotAllowed: a listener's hostname matches, but its
	// allowedRoutes.namespaces leaves the route's namespace out
	// (NotAllowedByListeners).
	AttachNamespaceNotAllowed
	// AttachKindNotAllowed: the listeners the route would bind to do not
	// take its kind (NotAllowedByListeners).
	AttachKindNotAllowed
)

// Attachment is how a route attaches to the parent of a route-parent edge.
type Attachment struct {
	Reason AttachReason
	// Listeners are the parent's listeners the parentRef selects by
	// sectionName and port (all of them when it sets neither).
	Listeners []Listener
}

// RouteAttachment evaluates a route-parent edge to a Gateway or
// ListenerSet as Istio does, listener by listener: port, then
// sectionName, then hostname and namespace together, then kind. The route
// attaches when one listener accepts it; otherwise the reason reported is
// the one Istio ranks first (not allowed, then hostname, then no listener).
// Edges to Services (GAMMA) attach whenever the Service exists.
func (g *Graph) RouteAttachment(e *Edge) Attachment {
	if e.Kind != EdgeRouteParent || len(e.To) == 0 || e.API.Templated || HasPlaceholder(e.From.Namespace) {
		return Attachment{}
	}
	parent := e.To[0]
	if !parent.Is(KindK8sGateway) && !parent.Is(KindListenerSet) {
		return Attachment{Reason: Attached}
	}
	// Alternative copies of the parent (variants of one Gateway in one
	// folder): the route is refused only when every copy refuses it.
	for _, c := range g.Copies(parent.Key()) {
		if c != parent {
			if r := g.attachTo(c, e).Reason; r == Attached || r == AttachUnknown {
				return Attachment{Reason: r}
			}
		}
	}
	return g.attachTo(parent, e)
}

// attachTo evaluates the edge's parentRef against one copy of its parent.
func (g *Graph) attachTo(parent *Resource, e *Edge) Attachment {
	all := parent.GatewayListeners()
	if len(all) == 0 {
		return Attachment{}
	}
	var out Attachment
	worst := AttachNoListener
	for _, l := range all {
		r := g.listenerAccepts(l, e.From, e.API)
		if r == AttachUnknown || r == Attached {
			return Attachment{Reason: r, Listeners: out.Listeners}
		}
		if r != AttachNoListener {
			out.Listeners = append(out.Listeners, l)
		}
		worst = max(worst, r)
	}
	out.Reason = worst
	return out
}

// listenerAccepts is Istio's verdict for one listener.
func (g *Graph) listenerAccepts(l Listener, route *Resource, ref APIRef) AttachReason {
	if l.Templated {
		return AttachUnknown
	}
	if ref.Port != 0 && l.Port != ref.Port {
		if l.Port == 0 {
			return AttachUnknown
		}
		return AttachNoListener
	}
	if ref.SectionName != "" && l.Name != ref.SectionName {
		return AttachNoListener
	}
	if r := g.hostnameAccepts(l, route); r != Attached {
		return r
	}
	kinds, known := l.SupportedKinds()
	if !known || !g.IstioGateway(l.Owner) {
		// Without allowedRoutes.kinds, which kinds a listener takes is the
		// implementation's choice: only Istio's is known here.
		return AttachUnknown
	}
	if !slices.Contains(kinds, route.GroupKind()) {
		return AttachKindNotAllowed
	}
	return Attached
}

// hostnameAccepts matches the route's hostnames (none: every host) with
// the listener's, then its namespace with allowedRoutes.
func (g *Graph) hostnameAccepts(l Listener, route *Resource) AttachReason {
	hosts := route.RouteHostnames()
	if len(hosts) == 0 {
		hosts = []string{"*"}
	}
	lh := l.Hostname
	if lh == "" {
		lh = "*"
	}
	matched := slices.ContainsFunc(hosts, func(h string) bool { return HasPlaceholder(h) || HostsMatch(lh, h) })
	if !matched {
		return AttachNoHostname
	}
	switch g.namespaceAllowed(l, route.Namespace) {
	case allowedNo:
		return AttachNamespaceNotAllowed
	case allowedUnknown:
		return AttachUnknown
	}
	return Attached
}

type allowed int

const (
	allowedYes allowed = iota
	allowedNo
	allowedUnknown
)

// namespaceAllowed applies allowedRoutes.namespaces: Same is the
// listener's own namespace, All any, Selector the Namespaces whose labels
// (with kubernetes.io/metadata.name, which Kubernetes sets) match; a
// Namespace the files do not define may match in the cluster.
func (g *Graph) namespaceAllowed(l Listener, ns string) allowed {
	switch l.From {
	case "Same":
		if ns == l.Owner.Namespace {
			return allowedYes
		}
		return allowedNo
	case "All":
		return allowedYes
	case "Selector":
		nsObj := g.Namespace(ns)
		if nsObj == nil || nsObj.Implied != "" || l.Selector.Invalid {
			return allowedUnknown
		}
		labels := map[string]string{"kubernetes.io/metadata.name": ns}
		for k, v := range nsObj.Labels {
			labels[k] = v
		}
		if l.Selector.Matches(labels) {
			return allowedYes
		}
		return allowedNo
	}
	return allowedUnknown
}

// IstioGateway reports whether Istio programs gw: a Gateway whose class
// istiod creates, or whose GatewayClass in the files names an istio.io
// controller. A ListenerSet, or a class the files do not show, is not known
// to be Istio's. It reads the class name itself rather than the
// gateway-class edge, which shadowed copies of a Gateway do not have.
func (g *Graph) IstioGateway(gw *Resource) bool {
	if !gw.Is(KindK8sGateway) {
		return false
	}
	name := gatewayClassName(gw)
	if slices.Contains(IstioGatewayClasses, name) {
		return true
	}
	class := g.Get(Key{KindGatewayClass, "", name})
	if class == nil {
		return false
	}
	classSpec, _ := class.Object["spec"].(map[string]any)
	controller, _ := classSpec["controllerName"].(string)
	return strings.HasPrefix(controller, "istio.io/")
}

// RouteAttachmentInputs are the kinds RouteAttachment reads: the parent
// edges, Namespaces (allowedRoutes selectors) and GatewayClasses.
func RouteAttachmentInputs() []GroupKind {
	return append(EdgeInputs(EdgeRouteParent), KindNamespace, KindGatewayClass)
}

package rules

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/graph"
)

// The Gateway API parts of data.meshlint (see indexParts):
//
//	parents      route id → ids of the Gateways, ListenerSets, Services and ServiceEntries its parentRefs name
//	attachments  route id → {parentRef path → Accepted, NoMatchingParent, NotAllowedByListeners, NoMatchingListenerHostname or Unknown}
//	backends     route id → ids of the Services and ServiceEntries its backendRefs resolve to
//	grants       id of a route or Gateway → {path of a cross-namespace reference → ids of the ReferenceGrants permitting it}
//	listeners    Gateway or ListenerSet id → [{name, port, protocol, hostname, from}]

// attachReasons name RouteAttachment's verdicts as the Gateway API
// conditions do.
var attachReasons = map[graph.AttachReason]string{
	graph.AttachUnknown: "Unknown", graph.Attached: "Accepted", graph.AttachNoListener: "NoMatchingParent",
	graph.AttachNoHostname: "NoMatchingListenerHostname", graph.AttachNamespaceNotAllowed: "NotAllowedByListeners",
	graph.AttachKindNotAllowed: "NotAllowedByListeners",
}

func parentIndex(in *Input) ast.Value { return in.edgeTargets(graph.EdgeRouteParent).Value }

func backendIndex(in *Input) ast.Value { return in.edgeTargets(graph.EdgeRouteBackend).Value }

// attachmentIndex maps each route to its parentRefs' verdicts.
func attachmentIndex(in *Input) ast.Value {
	g := in.g
	out := map[string]map[string]string{}
	for _, e := range g.Edges(graph.EdgeRouteParent) {
		from := ResourceID(e.From)
		if out[from] == nil {
			out[from] = map[string]string{}
		}
		out[from][e.Path] = attachReasons[g.RouteAttachment(e).Reason]
	}
	obj := ast.NewObject()
	for from, paths := range out {
		inner := ast.NewObject()
		for path, reason := range paths {
			inner.Insert(ast.StringTerm(path), ast.StringTerm(reason))
		}
		obj.Insert(ast.StringTerm(from), ast.NewTerm(inner))
	}
	return obj
}

// grantIndex maps each cross-namespace reference to its grants.
func grantIndex(in *Input) ast.Value { return in.edgePathTargets(graph.EdgeReferenceGrant) }

// listenerIndex lists the listeners of each Gateway and ListenerSet.
func listenerIndex(in *Input) ast.Value {
	g := in.g
	obj := ast.NewObject()
	for _, kind := range []graph.GroupKind{graph.KindK8sGateway, graph.KindListenerSet} {
		for _, r := range g.OfKind(kind) {
			if r.ShadowedBy != nil {
				continue
			}
			list := []any{}
			for _, l := range r.GatewayListeners() {
				list = append(list, map[string]any{"name": l.Name, "port": l.Port, "protocol": l.Protocol, "hostname": l.Hostname, "from": l.From})
			}
			obj.Insert(ast.StringTerm(ResourceID(r)), ast.NewTerm(ast.MustInterfaceToValue(list)))
		}
	}
	return obj
}

package security

import (
	"fmt"

	securityapi "istio.io/api/security/v1beta1"
)

// httpAttribute is a field of an AuthorizationPolicy that ztunnel cannot
// check: its name and field path.
type httpAttribute struct{ name, path string }

// l4ConditionKeys are the `when` keys ztunnel checks; any other key is an
// HTTP attribute to it.
var l4ConditionKeys = map[string]bool{
	"source.ip": true, "source.namespace": true, "source.principal": true,
	"destination.ip": true, "destination.port": true,
}

// httpAttributes lists, in field order, what ztunnel cannot enforce in ap:
// operation hosts, methods and paths (and their not-forms), source
// remoteIpBlocks and requestPrincipals (and their not-forms), and
// conditions on keys other than addresses, ports, namespaces, principals.
func httpAttributes(ap *securityapi.AuthorizationPolicy) []httpAttribute {
	var out []httpAttribute
	for i, rule := range ap.GetRules() {
		base := fmt.Sprintf("spec.rules[%d]", i)
		for j, to := range rule.GetTo() {
			op := to.GetOperation()
			out = appendSet(out, fmt.Sprintf("%s.to[%d].operation", base, j),
				field{"hosts", op.GetHosts()}, field{"notHosts", op.GetNotHosts()}, field{"methods", op.GetMethods()},
				field{"notMethods", op.GetNotMethods()}, field{"paths", op.GetPaths()}, field{"notPaths", op.GetNotPaths()})
		}
		for j, from := range rule.GetFrom() {
			src := from.GetSource()
			out = appendSet(out, fmt.Sprintf("%s.from[%d].source", base, j),
				field{"remoteIpBlocks", src.GetRemoteIpBlocks()}, field{"notRemoteIpBlocks", src.GetNotRemoteIpBlocks()},
				field{"requestPrincipals", src.GetRequestPrincipals()}, field{"notRequestPrincipals", src.GetNotRequestPrincipals()})
		}
		for j, when := range rule.GetWhen() {
			if !l4ConditionKeys[when.GetKey()] {
				out = append(out, httpAttribute{"when " + when.GetKey(), fmt.Sprintf("%s.when[%d].key", base, j)})
			}
		}
	}
	return out
}

type field struct {
	name   string
	values []string
}

func appendSet(out []httpAttribute, base string, fields ...field) []httpAttribute {
	for _, f := range fields {
		if len(f.values) > 0 {
			out = append(out, httpAttribute{f.name, base + "." + f.name})
		}
	}
	return out
}

package validation

import (
	"fmt"
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// reachabilityCheck reports the unreachable rules (IST0130) or the
// ineffective matches (IST0131) of a VirtualService.
func reachabilityCheck(unreachable bool) func(*graph.Resource, reporter) {
	return func(r *graph.Resource, report reporter) {
		for _, f := range reachability.Of(report.pass)[r] {
			if f.unreachable == unreachable {
				report.at(f.path, "%s", f.msg)
			}
		}
	}
}

// reachability is the analysis of every VirtualService whose spec decoded,
// made once per run for the two rules that report a share of it.
var reachability = &analyzers.Fact[map[*graph.Resource][]reachFinding]{
	Name: "virtualservice-reachability",
	Compute: func(g *graph.Graph, _ *schemas.Registry) map[*graph.Resource][]reachFinding {
		out := map[*graph.Resource][]reachFinding{}
		for _, r := range g.OfKind(graph.KindVirtualService) {
			if vs := r.VirtualService(); vs != nil {
				out[r] = analyzeReachability(vs)
			}
		}
		return out
	},
}

// reachFinding is an unreachable rule or an ineffective match.
type reachFinding struct {
	unreachable bool
	path, msg   string
}

// ruleView is one http, tcp or tls rule as the analysis sees it.
type ruleView struct {
	path, label string
	matches     []matchView
}

// matchView is one match: its identity (a canonical encoding without its
// name) and, for HTTP URI prefix matches, what the cover check compares.
type matchView struct {
	path, label, key string
	prefix           *prefixMatch
}

func analyzeReachability(vs *networking.VirtualService) []reachFinding {
	var out []reachFinding
	httpFindings, prefixes := analyzeRules(httpRuleViews(vs))
	out = append(out, httpFindings...)
	out = append(out, prefixCovers(prefixes)...)
	tcp, _ := analyzeRules(l4RuleViews("spec.tcp", vs.GetTcp()))
	tls, _ := analyzeRules(l4RuleViews("spec.tls", vs.GetTls()))
	return append(append(out, tcp...), tls...)
}

// analyzeRules finds rules after a match-less rule, and matches equal to
// earlier ones. It returns the HTTP prefix matches left for prefixCovers.
func analyzeRules(rules []ruleView) ([]reachFinding, []*prefixMatch) {
	var out []reachFinding
	var prefixes []*prefixMatch
	seen := map[string]string{} // match key -> label of the rule that has it
	catchAll := ""
	for _, r := range rules {
		switch {
		case len(r.matches) == 0 && catchAll != "":
			out = append(out, reachFinding{true, r.path, fmt.Sprintf("rule %s is not used: only the last rule can have no matches (rule %s has none)", r.label, catchAll)})
		case len(r.matches) == 0:
			catchAll = r.label
		case catchAll != "":
			out = append(out, reachFinding{true, r.path, fmt.Sprintf("rule %s is not used: rule %s before it has no matches and takes all traffic", r.label, catchAll)})
		default:
			dups := 0
			for _, m := range r.matches {
				if earlier, ok := seen[m.key]; ok {
					out = append(out, reachFinding{false, m.path, fmt.Sprintf("rule %s match %s is not used: rule %s has the same match", r.label, m.label, earlier)})
					dups++
					continue
				}
				seen[m.key] = r.label
				if m.prefix != nil {
					prefixes = append(prefixes, m.prefix)
				}
			}
			if dups == len(r.matches) {
				out = append(out, reachFinding{true, r.path, fmt.Sprintf("rule %s is not used: all its matches are used by earlier rules", r.label)})
			}
		}
	}
	return out, prefixes
}

// matchKey encodes a match deterministically, for equality.
func matchKey(m proto.Message) string {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// unnamedMatchKey is matchKey of m without its name, which does not change
// what it matches: the encoding less the name's record (a deterministic
// encoding of a copy with the name cleared is the same bytes), without
// copying m.
func unnamedMatchKey(m *networking.HTTPMatchRequest) string {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil || m.GetName() == "" {
		return matchKey(m)
	}
	out := make([]byte, 0, len(b))
	for rest := b; len(rest) > 0; {
		num, typ, n := protowire.ConsumeTag(rest)
		if n < 0 {
			return matchKey(m)
		}
		size := protowire.ConsumeFieldValue(num, typ, rest[n:])
		if size < 0 {
			return matchKey(m)
		}
		if num != httpMatchName {
			out = append(out, rest[:n+size]...)
		}
		rest = rest[n+size:]
	}
	return string(out)
}

// httpMatchName is the field number of HTTPMatchRequest.name.
var httpMatchName = (&networking.HTTPMatchRequest{}).ProtoReflect().Descriptor().Fields().ByName("name").Number()

func httpRuleViews(vs *networking.VirtualService) []ruleView {
	var out []ruleView
	for i, h := range vs.GetHttp() {
		rv := ruleView{path: graph.IndexPath("spec.http", i), label: ruleLabel(h.GetName(), i)}
		for j, m := range h.GetMatch() {
			mv := matchView{path: graph.IndexPath(rv.path+".match", j), label: ruleLabel(m.GetName(), j), key: unnamedMatchKey(m)}
			mv.prefix = newPrefixMatch(rv.label, mv, m)
			rv.matches = append(rv.matches, mv)
		}
		out = append(out, rv)
	}
	return out
}

// l4Rule is what TCP and TLS rules share.
type l4Rule[M proto.Message] interface {
	GetMatch() []M
}

func l4RuleViews[M proto.Message, R l4Rule[M]](base string, rules []R) []ruleView {
	var out []ruleView
	for i, t := range rules {
		rv := ruleView{path: graph.IndexPath(base, i), label: ruleLabel("", i)}
		for j, m := range t.GetMatch() {
			rv.matches = append(rv.matches, matchView{path: graph.IndexPath(rv.path+".match", j), label: ruleLabel("", j), key: matchKey(m)})
		}
		out = append(out, rv)
	}
	return out
}

// ruleLabel names a rule or match as Istio does: its quoted name, or #index.
func ruleLabel(name string, i int) string {
	if name != "" {
		return strconv.Quote(name)
	}
	return "#" + strconv.Itoa(i)
}

// prefixMatch is an HTTP match on a URI prefix with the other conditions
// flattened to strings ("exact:GET", "prefix:/a", "" for regex or none).
type prefixMatch struct {
	rule, match, path string
	prefix            string
	port              uint32
	method, authority string
	headers, query    map[string]string
	without           map[string]string
}

func newPrefixMatch(rule string, mv matchView, m *networking.HTTPMatchRequest) *prefixMatch {
	p := m.GetUri().GetPrefix()
	if p == "" {
		return nil
	}
	method := exactOrPrefix(m.GetMethod())
	if method == "" {
		method = "exact:GET" // Istio's assumption for a match without method
	}
	return &prefixMatch{
		rule: rule, match: mv.label, path: mv.path, prefix: p, port: m.GetPort(),
		method: method, authority: exactOrPrefix(m.GetAuthority()),
		headers: flattenMatches(m.GetHeaders()), query: flattenMatches(m.GetQueryParams()), without: flattenMatches(m.GetWithoutHeaders()),
	}
}

func exactOrPrefix(sm *networking.StringMatch) string {
	switch {
	case sm.GetExact() != "":
		return "exact:" + sm.GetExact()
	case sm.GetPrefix() != "":
		return "prefix:" + sm.GetPrefix()
	}
	return ""
}

func flattenMatches(m map[string]*networking.StringMatch) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = exactOrPrefix(v)
	}
	return out
}

// prefixCovers reports each prefix match that an earlier one covers.
func prefixCovers(ms []*prefixMatch) []reachFinding {
	var out []reachFinding
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			if b.prefix != a.prefix && covers(a, b) {
				out = append(out, reachFinding{false, b.path, fmt.Sprintf("rule %s match %s (prefix %s) is not used: rule %s match %s (prefix %s) covers it",
					b.rule, b.match, b.prefix, a.rule, a.match, a.prefix)})
			}
		}
	}
	return out
}

// covers is Istio's overlap test: b's prefix extends a's, and each other
// condition of a equals b's or starts with it (so an absent condition in b
// is covered by anything in a).
func covers(a, b *prefixMatch) bool {
	return strings.HasPrefix(b.prefix, a.prefix) && a.port == b.port &&
		strings.HasPrefix(a.method, b.method) && strings.HasPrefix(a.authority, b.authority) &&
		mapCovers(a.headers, b.headers) && mapCovers(a.query, b.query) && mapCovers(a.without, b.without)
}

func mapCovers(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, av := range a {
		bv, ok := b[k]
		if !ok || !strings.HasPrefix(av, bv) {
			return false
		}
	}
	return true
}

package validation

import (
	"time"

	"google.golang.org/protobuf/types/known/durationpb"
	networking "istio.io/api/networking/v1alpha3"
	security "istio.io/api/security/v1beta1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// InvalidDuration reports durations Istio's webhook rejects.
var InvalidDuration = webhookRule(&analyzers.Rule{
	ID: "ML0202", Name: "invalid-duration", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a duration is finer than a millisecond, or below the 1ms minimum Istio requires",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("VirtualService", "DestinationRule", "Sidecar", "RequestAuthentication"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0202"),
}, kindCheck{graph.KindVirtualService, checkVirtualServiceDurations},
	kindCheck{graph.KindDestinationRule, checkDestinationRuleDurations},
	kindCheck{graph.KindSidecar, checkSidecarDurations},
	kindCheck{graph.KindRequestAuthentication, checkRequestAuthenticationDurations})

// durationField is one duration Istio validates. celMin is true when the
// CRD's CEL rules already require it to be at least 1ms.
type durationField struct {
	path   string
	d      *durationpb.Duration
	celMin bool
}

// checkDurations applies Istio's ValidateDuration to the fields that are set.
func checkDurations(base string, fields []durationField, report reporter) {
	for _, f := range fields {
		if f.d == nil {
			continue
		}
		d := f.d.AsDuration()
		switch {
		case istiovalid.ValidDuration(d):
		case d < time.Millisecond:
			if !f.celMin {
				report.at(base+f.path, "duration %s is below the 1ms minimum Istio requires", d)
			}
		case d%time.Millisecond != 0:
			report.at(base+f.path, "duration %s is not a whole number of milliseconds; Istio supports millisecond precision only", d)
		}
	}
}

func checkVirtualServiceDurations(r *graph.Resource, report reporter) {
	for i, h := range r.VirtualService().GetHttp() {
		base := graph.IndexPath("spec.http", i)
		checkDurations(base, []durationField{
			{".timeout", h.GetTimeout(), true},
			{".retries.perTryTimeout", h.GetRetries().GetPerTryTimeout(), true},
			{".retries.backoff", h.GetRetries().GetBackoff(), true},
			{".fault.delay.fixedDelay", h.GetFault().GetDelay().GetFixedDelay(), true},
			{".fault.delay.exponentialDelay", h.GetFault().GetDelay().GetExponentialDelay(), true},
			{".corsPolicy.maxAge", h.GetCorsPolicy().GetMaxAge(), true},
		}, report)
		// Envoy's CORS max-age header is in seconds.
		if age := h.GetCorsPolicy().GetMaxAge(); age != nil && age.GetNanos() != 0 && age.AsDuration() >= time.Millisecond {
			report.at(base+".corsPolicy.maxAge", "CORS maxAge %s is not a whole number of seconds; it is sent in seconds", age.AsDuration())
		}
	}
}

// trafficPolicyParts is what TrafficPolicy and its per-port variant share.
type trafficPolicyParts interface {
	GetConnectionPool() *networking.ConnectionPoolSettings
	GetOutlierDetection() *networking.OutlierDetection
	GetLoadBalancer() *networking.LoadBalancerSettings
}

// policyAt is a traffic policy and its path.
type policyAt struct {
	path string
	tp   trafficPolicyParts
}

// destinationRulePolicies lists every traffic policy of a DestinationRule:
// the top-level one, the subsets' ones, and their port-level settings.
func destinationRulePolicies(dr *networking.DestinationRule) []policyAt {
	var out []policyAt
	add := func(path string, tp *networking.TrafficPolicy) {
		if tp == nil {
			return
		}
		out = append(out, policyAt{path, tp})
		for i, pl := range tp.GetPortLevelSettings() {
			if pl != nil {
				out = append(out, policyAt{graph.IndexPath(path+".portLevelSettings", i), pl})
			}
		}
	}
	add("spec.trafficPolicy", dr.GetTrafficPolicy())
	for i, s := range dr.GetSubsets() {
		add(graph.IndexPath("spec.subsets", i)+".trafficPolicy", s.GetTrafficPolicy())
	}
	return out
}

func checkDestinationRuleDurations(r *graph.Resource, report reporter) {
	for _, p := range destinationRulePolicies(r.DestinationRule()) {
		od, lb := p.tp.GetOutlierDetection(), p.tp.GetLoadBalancer()
		checkDurations(p.path, []durationField{
			{".outlierDetection.baseEjectionTime", od.GetBaseEjectionTime(), true},
			{".outlierDetection.interval", od.GetInterval(), true},
			{".loadBalancer.warmupDurationSecs", lb.GetWarmupDurationSecs(), true},
		}, report)
		checkDurations(p.path+".connectionPool", connectionPoolDurations(p.tp.GetConnectionPool()), report)
	}
}

// connectionPoolDurations are the durations of a connection pool, relative
// to it. tcp.idleTimeout is the one without a CEL rule.
func connectionPoolDurations(cp *networking.ConnectionPoolSettings) []durationField {
	tcp := cp.GetTcp()
	return []durationField{
		{".http.idleTimeout", cp.GetHttp().GetIdleTimeout(), true},
		{".tcp.connectTimeout", tcp.GetConnectTimeout(), true},
		{".tcp.maxConnectionDuration", tcp.GetMaxConnectionDuration(), true},
		{".tcp.idleTimeout", tcp.GetIdleTimeout(), false},
		{".tcp.tcpKeepalive.time", tcp.GetTcpKeepalive().GetTime(), true},
		{".tcp.tcpKeepalive.interval", tcp.GetTcpKeepalive().GetInterval(), true},
	}
}

func checkSidecarDurations(r *graph.Resource, report reporter) {
	sc, _ := r.Spec.(*networking.Sidecar)
	checkDurations("spec.inboundConnectionPool", connectionPoolDurations(sc.GetInboundConnectionPool()), report)
	for i, in := range sc.GetIngress() {
		checkDurations(graph.IndexPath("spec.ingress", i)+".connectionPool", connectionPoolDurations(in.GetConnectionPool()), report)
	}
}

func checkRequestAuthenticationDurations(r *graph.Resource, report reporter) {
	ra, _ := r.Spec.(*security.RequestAuthentication)
	for i, jr := range ra.GetJwtRules() {
		checkDurations(graph.IndexPath("spec.jwtRules", i), []durationField{{".timeout", jr.GetTimeout(), true}}, report)
	}
}

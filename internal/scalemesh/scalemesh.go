// Package scalemesh generates a synthetic but realistic mesh for the
// benchmarks and `make bench-data`: the shapes of a typical application
// repository (one folder per namespace, one file per service, multi-document
// files) with the cross-references that make the graph work for its keep
// (host resolution, subsets, gateways, workload selectors, namespace
// injection, authorization, sidecar scopes, external services). The output
// depends only on the shape and the seed: byte-identical from run to run
// and across machines.
package scalemesh

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/meshlint/meshlint/graph/source"
)

// Per namespace the generator writes a Namespace, a Gateway, a Sidecar, a
// ServiceEntry and the ingress VirtualService bound to the Gateway; per
// service two Deployments (v1, v2), a Service, a DestinationRule, a
// VirtualService and an AuthorizationPolicy.
const (
	ResourcesPerNamespace = 5
	ResourcesPerService   = 6
	// ServicesPerNS makes a namespace about 125 resources, the size of a
	// team's slice of a real mesh.
	ServicesPerNS = 20
)

// Mistakes plants deliberate errors in a generated mesh. The fixed ones
// land at a fixed place and each produce exactly one finding, so that a
// test can prove the generated mesh is analysed (not silently skipped as
// garbage); Percent plants the same kinds of mistakes at random places
// chosen by Seed: each kind in about Percent % of the namespaces or
// services it can go in, at most one per service.
type Mistakes struct {
	MissingSubset  bool // team-00/svc-000: the header route goes to subset v3 (ML1102)
	NoDefaultRoute bool // team-00/svc-001: the VirtualService has no catch-all route (ML2001)
	UninjectedNS   bool // team-01: the Namespace has no istio-injection label (ML3001; ML3005 for each workload its policies select)
	MissingGateway bool // team-01: the ingress VirtualService names a gateway that does not exist (ML1101)
	BadSelector    bool // team-02: the Gateway selects istio: ingress, which no workload carries (ML1105)
	StaleRule      bool // team-02/svc-000: a leftover DestinationRule for a retired host (ML1104)

	Percent float64
	Seed    uint64
}

// All plants every fixed mistake.
func All() Mistakes {
	return Mistakes{MissingSubset: true, NoDefaultRoute: true, UninjectedNS: true, MissingGateway: true, BadSelector: true, StaleRule: true}
}

// Mesh returns a clean mesh of namespaces × servicesPerNS services:
// namespaces*(5+6*servicesPerNS) resources in namespaces*(2+servicesPerNS)
// files.
func Mesh(namespaces, servicesPerNS int) []source.Source {
	return MeshWith(namespaces, servicesPerNS, Mistakes{})
}

// Generate returns a mesh of about n resources (at least one namespace)
// with mistakes planted as m says.
func Generate(n int, m Mistakes) []source.Source {
	ns, svc := Shape(n)
	return MeshWith(ns, svc, m)
}

// MeshWith is Mesh with planted mistakes. The fixed mistakes need at least
// 3 namespaces and 2 services per namespace to land where they are meant to.
func MeshWith(namespaces, servicesPerNS int, m Mistakes) []source.Source {
	rng := rand.New(rand.NewPCG(m.Seed, 0x6d6573686c696e74))
	random := func() bool { return m.Percent > 0 && rng.Float64()*100 < m.Percent }
	sources := make([]source.Source, 0, namespaces*(2+servicesPerNS))
	for n := 0; n < namespaces; n++ {
		sources = append(sources, genNamespace(n, servicesPerNS, m, random)...)
	}
	return sources
}

// genNamespace writes one namespace's folder.
func genNamespace(n, servicesPerNS int, m Mistakes, random func() bool) []source.Source {
	ns := fmt.Sprintf("team-%02d", n)
	services := make([]string, servicesPerNS)
	for s := range services {
		services[s] = fmt.Sprintf("svc-%03d", s)
	}
	var b strings.Builder
	writeNamespace(&b, ns, !(m.UninjectedNS && n == 1 || random()))
	b.WriteString("---\n")
	selector := "ingressgateway"
	if m.BadSelector && n == 2 || random() {
		selector = "ingress"
	}
	writeGateway(&b, ns, selector)
	b.WriteString("---\n")
	writeSidecar(&b, ns)
	b.WriteString("---\n")
	writeServiceEntry(&b, ns)
	gateway := ns + "-gateway"
	if m.MissingGateway && n == 1 || random() {
		gateway = ns + "-gw"
	}
	out := []source.Source{{Path: ns + "/namespace.yaml", Content: []byte(b.String())}}
	for s, svc := range services {
		b.Reset()
		writeService(&b, ns, svc, serviceFor(n, s, m, random))
		out = append(out, source.Source{Path: ns + "/" + svc + ".yaml", Content: []byte(b.String())})
	}
	// The ingress routes to subsets, so it is applied after the
	// DestinationRules that define them (make before break).
	b.Reset()
	writeIngressVirtualService(&b, ns, gateway, services)
	return append(out, source.Source{Path: ns + "/zz-ingress.yaml", Content: []byte(b.String())})
}

// serviceFor says how service s of namespace n is written, mistakes
// included: at most one random mistake per service.
func serviceFor(n, s int, m Mistakes, random func() bool) serviceOptions {
	opts := serviceOptions{versions: []string{"v1", "v2"}, canarySubset: "v2", defaultRoute: true}
	svc := fmt.Sprintf("svc-%03d", s)
	switch {
	case n == 0 && s == 0 && m.MissingSubset, random():
		opts.canarySubset = "v3"
	case n == 0 && s == 1 && m.NoDefaultRoute, random():
		opts.defaultRoute = false
	case n == 2 && s == 0 && m.StaleRule, random():
		opts.staleRuleHost = svc + "-legacy"
	}
	return opts
}

// Shape picks the namespace count for about the given number of
// resources, at ServicesPerNS services per namespace.
func Shape(resources int) (namespaces, servicesPerNS int) {
	perNS := ResourcesPerNamespace + ResourcesPerService*ServicesPerNS
	return max(1, (resources+perNS/2)/perNS), ServicesPerNS
}

func writeNamespace(b *strings.Builder, ns string, injected bool) {
	fmt.Fprintf(b, `apiVersion: v1
kind: Namespace
metadata:
  name: %s
  labels:
    team: %s
`, ns, ns)
	if injected {
		b.WriteString("    istio-injection: enabled\n")
	}
}

func writeGateway(b *strings.Builder, ns, selector string) {
	fmt.Fprintf(b, `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: %[1]s-gateway
  namespace: %[1]s
spec:
  selector:
    istio: %[2]s
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - %[1]s.example.com
`, ns, selector)
}

// writeIngressVirtualService routes /<service> on the namespace's public
// host to each service, and everything else to the first one.
func writeIngressVirtualService(b *strings.Builder, ns, gateway string, services []string) {
	fmt.Fprintf(b, `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: %[1]s-ingress
  namespace: %[1]s
spec:
  hosts:
  - %[1]s.example.com
  gateways:
  - %[2]s
  http:
`, ns, gateway)
	for _, svc := range services {
		fmt.Fprintf(b, `  - match:
    - uri:
        prefix: /%[1]s/
    rewrite:
      uri: /
    route:
    - destination:
        host: %[1]s.%[2]s.svc.cluster.local
        subset: v1
        port:
          number: 8080
`, svc, ns)
	}
	if len(services) > 0 {
		fmt.Fprintf(b, `  - route:
    - destination:
        host: %s
        subset: v1
        port:
          number: 8080
`, services[0])
	}
}

// serviceOptions vary one service's documents; the zero value is not
// useful, MeshWith and PreCommitFile fill it.
type serviceOptions struct {
	versions     []string // one Deployment and one subset per version
	canarySubset string   // subset of the header-matched route; "" for none
	defaultRoute bool     // end the VirtualService with a catch-all route to versions[0]
	// staleRuleHost, if set, adds a DestinationRule for that host, which
	// no Service backs: a mistake, one ML1104 finding.
	staleRuleHost string
}

// writeService writes the Deployments, Service, DestinationRule and
// VirtualService of one service, the set a team keeps in one file.
func writeService(b *strings.Builder, ns, svc string, o serviceOptions) {
	for _, v := range o.versions {
		fmt.Fprintf(b, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: %[1]s-%[3]s
  namespace: %[2]s
  labels:
    app: %[1]s
    version: %[3]s
spec:
  replicas: 2
  selector:
    matchLabels:
      app: %[1]s
      version: %[3]s
  template:
    metadata:
      labels:
        app: %[1]s
        version: %[3]s
    spec:
      serviceAccountName: %[1]s
      containers:
      - name: %[1]s
        image: registry.example.com/%[2]s/%[1]s:%[3]s.4.2
        ports:
        - name: http
          containerPort: 8080
        env:
        - name: SERVICE_VERSION
          value: %[3]s
        readinessProbe:
          httpGet:
            path: /healthz
            port: 8080
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            memory: 256Mi
---
`, svc, ns, v)
	}
	fmt.Fprintf(b, `apiVersion: v1
kind: Service
metadata:
  name: %[1]s
  namespace: %[2]s
  labels:
    app: %[1]s
spec:
  selector:
    app: %[1]s
  ports:
  - name: http
    port: 8080
    targetPort: 8080
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  host: %[1]s
  trafficPolicy:
    connectionPool:
      http:
        http1MaxPendingRequests: 100
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
      baseEjectionTime: 30s
  subsets:
`, svc, ns)
	for _, v := range o.versions {
		fmt.Fprintf(b, "  - name: %[1]s\n    labels:\n      version: %[1]s\n", v)
	}
	fmt.Fprintf(b, `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  hosts:
  - %[1]s
  http:
`, svc, ns)
	if o.canarySubset != "" {
		fmt.Fprintf(b, `  - match:
    - headers:
        x-canary:
          exact: "true"
    route:
    - destination:
        host: %s
        subset: %s
`, svc, o.canarySubset)
	}
	if o.defaultRoute {
		fmt.Fprintf(b, `  - route:
    - destination:
        host: %s
        subset: %s
    timeout: 5s
    retries:
      attempts: 3
      perTryTimeout: 2s
`, svc, o.versions[0])
	}
	b.WriteString("---\n")
	writeAuthorizationPolicy(b, ns, svc)
	if o.staleRuleHost != "" {
		fmt.Fprintf(b, `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  host: %[1]s
`, o.staleRuleHost, ns)
	}
}

// PreCommitFile is what a pre-commit hook typically sees: one changed file
// of six documents (Namespace, Deployment, Service, DestinationRule,
// VirtualService, AuthorizationPolicy).
func PreCommitFile() source.Source {
	var b strings.Builder
	writeNamespace(&b, "shop", true)
	b.WriteString("---\n")
	writeService(&b, "shop", "cart", serviceOptions{versions: []string{"v1"}, defaultRoute: true})
	return source.Source{Path: "shop/cart.yaml", Content: []byte(b.String())}
}

// allRules lints with every built-in rule, the non-default ones included,

// writeSidecar limits the namespace's proxies to its own services, the
// control plane and the ingress gateways, as a large mesh does to keep
// proxy configuration small.
func writeSidecar(b *strings.Builder, ns string) {
	fmt.Fprintf(b, `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: %s
spec:
  egress:
  - hosts:
    - ./*
    - istio-system/*
`, ns)
}

// writeServiceEntry declares the external API the namespace calls.
func writeServiceEntry(b *strings.Builder, ns string) {
	fmt.Fprintf(b, `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: partner-api
  namespace: %[1]s
spec:
  hosts:
  - api.%[1]s.partner.example.com
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: tls
    protocol: TLS
`, ns)
}

// writeAuthorizationPolicy lets the ingress gateway and the namespace's
// own workloads call the service's API.
func writeAuthorizationPolicy(b *strings.Builder, ns, svc string) {
	fmt.Fprintf(b, `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  selector:
    matchLabels:
      app: %[1]s
  action: ALLOW
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account
    - source:
        namespaces:
        - %[2]s
    to:
    - operation:
        methods:
        - GET
        - POST
        paths:
        - /api/*
        - /healthz
`, svc, ns)
}

// Write writes the sources under dir, creating folders as needed.
func Write(dir string, sources []source.Source) error {
	for _, src := range sources {
		p := filepath.Join(dir, src.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, src.Content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// The scale generator builds a synthetic but realistic mesh for the
// benchmarks: the shapes of a typical application repository (one folder
// per namespace, one file per service) with the cross-references that make
// the graph work for its keep (host resolution, subsets, gateways, workload
// selectors, namespace injection). It is deterministic, with no randomness
// at all, so that benchmark inputs are byte-identical from run to run and
// across machines.

// Per namespace the generator writes a Namespace, a Gateway and the
// ingress VirtualService bound to it; per service two Deployments (v1, v2),
// a Service, a DestinationRule and a VirtualService.
const (
	resourcesPerNamespace = 3
	resourcesPerService   = 5
	// benchServicesPerNS makes a namespace about 100 resources, the size of
	// a team's slice of a real mesh.
	benchServicesPerNS = 20
)

// mistakes plants deliberate errors in a generated mesh, each at a fixed
// place and each producing exactly one finding, so that a test can prove
// the generated mesh is analysed (not silently skipped as garbage).
type mistakes struct {
	missingSubset  bool // team-00/svc-000: the header route goes to subset v3 (ML1102)
	noDefaultRoute bool // team-00/svc-001: the VirtualService has no catch-all route (ML2001)
	uninjectedNS   bool // team-01: the Namespace has no istio-injection label (ML3001)
	missingGateway bool // team-01: the ingress VirtualService names a gateway that does not exist (ML1101)
	badSelector    bool // team-02: the Gateway selects istio: ingress, which no workload carries (ML1105)
	staleRule      bool // team-02/svc-000: a leftover DestinationRule for a retired host (ML1104)
}

// genMesh returns a clean mesh of namespaces × servicesPerNS services:
// namespaces*(3+5*servicesPerNS) resources in namespaces*(1+servicesPerNS)
// files.
func genMesh(namespaces, servicesPerNS int) []source.Source {
	return genMeshWith(namespaces, servicesPerNS, mistakes{})
}

// genMeshWith is genMesh with planted mistakes. The mistakes need at least
// 3 namespaces and 2 services per namespace to land where they are meant to.
func genMeshWith(namespaces, servicesPerNS int, m mistakes) []source.Source {
	sources := make([]source.Source, 0, namespaces*(2+servicesPerNS))
	for n := 0; n < namespaces; n++ {
		ns := fmt.Sprintf("team-%02d", n)
		services := make([]string, servicesPerNS)
		for s := range services {
			services[s] = fmt.Sprintf("svc-%03d", s)
		}

		var b strings.Builder
		writeNamespace(&b, ns, !(m.uninjectedNS && n == 1))
		b.WriteString("---\n")
		selector := "ingressgateway"
		if m.badSelector && n == 2 {
			selector = "ingress"
		}
		writeGateway(&b, ns, selector)
		b.WriteString("---\n")
		gateway := ns + "-gateway"
		if m.missingGateway && n == 1 {
			gateway = ns + "-gw"
		}
		sources = append(sources, source.Source{Path: ns + "/namespace.yaml", Content: []byte(b.String())})

		for s, svc := range services {
			opts := serviceOptions{versions: []string{"v1", "v2"}, canarySubset: "v2", defaultRoute: true}
			if n == 0 && s == 0 && m.missingSubset {
				opts.canarySubset = "v3"
			}
			if n == 0 && s == 1 && m.noDefaultRoute {
				opts.defaultRoute = false
			}
			if n == 2 && s == 0 && m.staleRule {
				opts.staleRuleHost = svc + "-legacy"
			}
			b.Reset()
			writeService(&b, ns, svc, opts)
			sources = append(sources, source.Source{Path: ns + "/" + svc + ".yaml", Content: []byte(b.String())})
		}
		// The ingress routes to subsets, so it is applied after the
		// DestinationRules that define them (make before break).
		b.Reset()
		writeIngressVirtualService(&b, ns, gateway, services)
		sources = append(sources, source.Source{Path: ns + "/zz-ingress.yaml", Content: []byte(b.String())})
	}
	return sources
}

// meshShape picks the namespace count for about the given number of
// resources, at benchServicesPerNS services per namespace.
func meshShape(resources int) (namespaces, servicesPerNS int) {
	perNS := resourcesPerNamespace + resourcesPerService*benchServicesPerNS
	return max(1, (resources+perNS/2)/perNS), benchServicesPerNS
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
// useful, genMeshWith and preCommitFile fill it.
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

// preCommitFile is what a pre-commit hook typically sees: one changed file
// of five documents (Namespace, Deployment, Service, DestinationRule,
// VirtualService).
func preCommitFile() source.Source {
	var b strings.Builder
	writeNamespace(&b, "shop", true)
	b.WriteString("---\n")
	writeService(&b, "shop", "cart", serviceOptions{versions: []string{"v1"}, defaultRoute: true})
	return source.Source{Path: "shop/cart.yaml", Content: []byte(b.String())}
}

// allRules lints with every built-in rule, the non-default ones included,
// so that the clean-mesh test covers the whole catalogue.
func allRules() lint.Options {
	cfg := lint.DefaultOptions()
	cfg.AllRules = true
	return cfg
}

// findingLines renders findings as "file:line rule" for failure messages.
func findingLines(rep *analyzers.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s", f.Location.File, f.Location.Start.Line, f.Location.Start.Column, f.Rule.ID, f.Message))
	}
	return out
}

func TestGeneratedMeshIsClean(t *testing.T) {
	const namespaces, services = 3, 4
	sources := genMesh(namespaces, services)
	rep, err := lint.Lint(context.Background(), sources, allRules())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("generated mesh has %d findings, want none:\n%s", len(rep.Findings), strings.Join(findingLines(rep.Report), "\n"))
	}
	// The resource count is what the benchmarks report per second; check it
	// so that the metric means what it says.
	want := namespaces * (resourcesPerNamespace + resourcesPerService*services)
	if rep.Summary.Resources != want || rep.Summary.Documents != want {
		t.Errorf("summary: %d resources, %d documents; want %d of each", rep.Summary.Resources, rep.Summary.Documents, want)
	}
	// Per namespace: its Namespace and Gateway, its ingress routes, and
	// one file per service.
	if rep.Summary.Files != namespaces*(2+services) {
		t.Errorf("summary: %d files, want %d", rep.Summary.Files, namespaces*(2+services))
	}
}

func TestPreCommitFileIsClean(t *testing.T) {
	rep, err := lint.Lint(context.Background(), []source.Source{preCommitFile()}, allRules())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 || rep.Summary.Documents != 5 {
		t.Errorf("pre-commit file: %d documents, findings:\n%s; want 5 documents and no findings",
			rep.Summary.Documents, strings.Join(findingLines(rep.Report), "\n"))
	}
}

// TestGeneratedMeshMistakes proves the generated mesh is really analysed:
// each planted mistake must give exactly its one finding, in its file.
func TestGeneratedMeshMistakes(t *testing.T) {
	sources := genMeshWith(3, 4, mistakes{
		missingSubset: true, noDefaultRoute: true, uninjectedNS: true,
		missingGateway: true, badSelector: true, staleRule: true,
	})
	rep, err := lint.Lint(context.Background(), sources, allRules())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule.ID+" "+f.Location.File)
	}
	sort.Strings(got)
	want := []string{
		"ML1101 team-01/zz-ingress.yaml",
		"ML1102 team-00/svc-000.yaml",
		"ML1104 team-02/svc-000.yaml",
		"ML1105 team-02/namespace.yaml",
		"ML2001 team-00/svc-001.yaml",
		"ML3001 team-01/namespace.yaml",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant exactly:\n%s\nall findings:\n%s",
			strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(findingLines(rep.Report), "\n"))
	}
}

// TestMeshShape checks that the benchmark sizes land near their names.
func TestMeshShape(t *testing.T) {
	for _, n := range []int{1000, 10000, 100000} {
		ns, svc := meshShape(n)
		got := ns * (resourcesPerNamespace + resourcesPerService*svc)
		if got < n*95/100 || got > n*105/100 {
			t.Errorf("meshShape(%d) gives %d resources, not within 5%%", n, got)
		}
	}
}

// TestGenMeshDeterministic guards the benchmarks' comparability: the same
// shape must give the same bytes.
func TestGenMeshDeterministic(t *testing.T) {
	a, b := genMesh(2, 3), genMesh(2, 3)
	if len(a) != len(b) {
		t.Fatalf("%d vs %d sources", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || string(a[i].Content) != string(b[i].Content) {
			t.Fatalf("source %d differs between runs", i)
		}
	}
}

// TestWriteScaleMesh writes the benchmark mesh to disk, to measure the
// binary end to end (time and peak memory):
//
//	MESHLINT_WRITE_MESH=DIR MESHLINT_MESH_RESOURCES=100000 go test -run TestWriteScaleMesh ./lint
//	time ./bin/meshlint DIR
func TestWriteScaleMesh(t *testing.T) {
	dir := os.Getenv("MESHLINT_WRITE_MESH")
	if dir == "" {
		t.Skip("set MESHLINT_WRITE_MESH=DIR (and MESHLINT_MESH_RESOURCES=N) to write the benchmark mesh")
	}
	n, err := strconv.Atoi(os.Getenv("MESHLINT_MESH_RESOURCES"))
	if err != nil || n <= 0 {
		n = 10000
	}
	for _, src := range benchMesh(n) {
		p := filepath.Join(dir, src.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, src.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

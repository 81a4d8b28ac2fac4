// Package graph is the resolved view of the analyzed manifests: resources
// built from the documents yamldoc loads, their kinds and typed specs
// (decoded by istiospec), indexes by key, kind and host, and the typed
// edges between them. Load turns sources into a graph.
//
// # Copies of one object
//
// Several documents may define the same object (kind, namespace and name):
// alternative files (a plain and a dual-stack variant), or files without a
// namespace meant to be applied with different ones. Applied together, the
// last copy in input order wins, as with kubectl apply. The graph keeps
// every copy, because every copy is something the user wrote and may apply:
//
//   - Resources and OfKind list all copies, so rules about one resource
//     (schema, webhook validation, naming) check each of them.
//   - The copies that lose have ShadowedBy set to the one that wins. Get,
//     Namespace, the host and workload indexes and the edges see only the
//     winners (Applied): a reference resolves to what the cluster would
//     hold, and a shadowed copy has no edges.
//   - Copies lists the definitions of a key in input order.
package graph

import (
	"sort"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/internal/parallel"
)

// Options control how sources become a graph.
type Options struct {
	// DefaultNamespace is given to namespaced documents without one. It may
	// be empty (then such resources live in the "" namespace).
	DefaultNamespace string
	// FileNamespace, when set, gives the namespace for documents without
	// one in a file, by the file's name as loaded: files meant for
	// `kubectl apply -n X`, each with its X. "" falls back to
	// DefaultNamespace.
	FileNamespace func(file string) string
	// ClusterDomain is the DNS suffix of Services (default cluster.local).
	ClusterDomain string
	// AssumeDefaultIngress implies the resources of a default install,
	// which most repositories do not contain: istiod's Service and the
	// ingress and egress gateways (istio-system, labels istio=ingressgateway
	// and istio=egressgateway), each a Service and its pods. See implied.go.
	AssumeDefaultIngress bool
	// Externals are things that exist outside the analyzed manifests.
	Externals Externals
	Limits    yamldoc.Limits
	// Mesh is the MeshConfig (zero value: Istio's defaults).
	Mesh MeshConfig
	// EnableNamespacesByDefault is the injector's Helm value
	// sidecarInjectorWebhook.enableNamespacesByDefault as the user states
	// it; nil leaves it to an IstioOperator in the files, else false.
	EnableNamespacesByDefault *bool
}

// Externals declare resources that live elsewhere, so that references to
// them are not reported as missing.
type Externals struct {
	Hosts    []string // host patterns; a leading * is a wildcard
	Gateways []string // "namespace/name"
	// Namespaces are namespace patterns (path.Match) that exist though no
	// Namespace object in the files defines them.
	Namespaces []string
}

// DefaultOptions are the CLI defaults.
func DefaultOptions() Options {
	return Options{DefaultNamespace: "default", ClusterDomain: DefaultClusterDomain, AssumeDefaultIngress: true}
}

// Graph is the resolved view of all analyzed manifests: resources, indexes
// and typed edges. It is immutable once built, so analyzers may read it
// concurrently.
type Graph struct {
	opts  Options
	Files []*yamldoc.LoadedFile
	// Resources are the resources the files define, in document order.
	Resources []*Resource
	// Implied are the resources Istio creates that the files imply (see
	// implied.go). Get, OfKind, host lookups, workloads and edges include
	// them; Resources does not.
	Implied  []*Resource
	Problems []Problem
	// Documents counts the objects read (List items included).
	Documents int
	// NotObjects are the documents that are not cluster objects, not
	// analyzed: other tools' YAML found in a walk (see notAnObject).
	NotObjects []NotObject

	byKey  map[Key]*Resource
	byKind map[GroupKind][]*Resource
	hosts  *hostIndex
	edges  []*Edge
	// edgesByKind indexes edges by kind once they are all built.
	edgesByKind func() map[EdgeKind][]*Edge
	edgesFrom   map[*Resource][]*Edge
	edgesTo     map[*Resource][]*Edge
	// servicesByWorkload are the Services selecting each workload.
	servicesByWorkload map[*Resource][]*Resource
	// workloads includes the implied ones.
	workloads  []*Workload
	peerAuth   peerAuthIndex
	clientDRs  clientDRIndex
	routed     routedHostIndex
	namespaces namespaceIndex
	// shownWorkloads backs WorkloadsShownBeside and WorkloadsShownIn.
	shownWorkloads shownWorkloadIndex
	serverHosts    serverHostIndex

	// copies are the definitions of the keys defined more than once, in
	// load order (byKey holds the last, which wins); applied are the
	// resources no later copy shadows.
	copies  map[Key][]*Resource
	applied []*Resource
	// fileNamespaces caches Options.FileNamespace while building.
	fileNamespaces map[string]string
	// injectByDefault is enableNamespacesByDefault and who says it.
	injectByDefault InjectByDefault
}

// Options returns the options the graph was built with.
func (g *Graph) Options() Options { return g.opts }

// Load parses sources (in parallel: see yamldoc.LoadAll) and builds the graph.
func Load(sources []source.Source, opts Options) *Graph {
	return Build(yamldoc.LoadAll(sources, opts.Limits), opts)
}

// Build turns parsed files into a graph: resources with typed specs,
// the copy of each object that wins, indexes and edges.
func Build(files []*yamldoc.LoadedFile, opts Options) *Graph {
	if opts.ClusterDomain == "" {
		opts.ClusterDomain = DefaultClusterDomain
	}
	if opts.Mesh == (MeshConfig{}) {
		opts.Mesh = DefaultMeshConfig()
	}
	opts.Limits = opts.Limits.WithDefaults()
	g := &Graph{opts: opts, Files: files, copies: map[Key][]*Resource{}, byKind: map[GroupKind][]*Resource{},
		fileNamespaces: map[string]string{}}
	var docs []*yamldoc.Document
	for _, f := range files {
		if f.Found && !f.HoldsManifest() {
			g.skipProblems(f)
		} else {
			for _, p := range f.Problems {
				g.Problems = append(g.Problems, loadProblem(p))
			}
		}
		docs = append(docs, f.Documents...)
	}
	g.Documents = len(docs)
	g.byKey = make(map[Key]*Resource, len(docs)) // sized: growing it was most of the serial loop's allocation
	g.Resources = make([]*Resource, 0, len(docs))
	// Values converts in parallel, and the documents become resources
	// with typed specs in parallel; they are added in document order, on
	// which the copy that wins depends.
	values, refused := yamldoc.Values(docs, g.opts.Limits)
	read := make([]readDocument, len(docs))
	parallel.For(len(docs), func(i int) { read[i] = readDoc(docs[i], values[i], refused[i]) })
	for i, d := range docs {
		g.addDocument(d, read[i])
	}
	g.shadowCopies()
	g.specProblems()
	g.injectByDefault = resolveInjectByDefault(opts.EnableNamespacesByDefault, g.OfKind(KindIstioOperator), g.OfKind(KindConfigMap))
	g.addImplied()
	g.hosts = buildHostIndex(g.All(), opts)
	g.workloads = collectWorkloads(g)
	g.buildEdges()
	sortProblems(g.Problems)
	return g
}

// skipProblems records a file found in a walk that holds no manifest (JSON
// data, a playbook) as not analyzed, instead of reporting what does not
// parse or is not a mapping in it as broken objects. Its documents, none
// of which has apiVersion or kind, are skipped one by one as usual.
func (g *Graph) skipProblems(f *yamldoc.LoadedFile) {
	if len(f.Problems) == 0 {
		return
	}
	start := yamldoc.Position{Line: 1, Column: 1}
	g.NotObjects = append(g.NotObjects, NotObject{
		Location: Location{File: f.Path, Range: yamldoc.Range{Start: start, End: start}},
		Why:      "no document in the file has apiVersion or kind",
	})
}

// readDocument is what a document is: a resource with its typed specs
// decoded, or why it is none (a problem, or not a cluster object).
type readDocument struct {
	r         *Resource
	problem   *Problem
	notObject string
}

// readDoc reads a document as a resource unless the alias limits refused
// it, it is not a cluster object, or its identity is unusable. It reads
// the document alone, so that documents are read in parallel; the
// namespace of a resource without one is left for addDocument to set.
func readDoc(d *yamldoc.Document, v any, refused *yamldoc.Problem) readDocument {
	if refused != nil {
		p := loadProblem(*refused)
		return readDocument{problem: &p}
	}
	obj, _ := v.(map[string]any)
	if why := notAnObject(obj); why != "" {
		return readDocument{notObject: why}
	}
	r, problem := newResource(d, obj, "")
	if problem != nil {
		return readDocument{problem: problem}
	}
	decodeSpecs(r)
	return readDocument{r: r}
}

// addDocument adds a document read by readDoc. A later copy of an object
// replaces the earlier in the index by key.
func (g *Graph) addDocument(d *yamldoc.Document, read readDocument) {
	switch {
	case read.problem != nil:
		g.Problems = append(g.Problems, *read.problem)
		return
	case read.notObject != "":
		g.NotObjects = append(g.NotObjects, NotObject{Location: d.Start(), Why: read.notObject})
		return
	}
	r := read.r
	if r.NamespaceDefaulted {
		r.Namespace = g.defaultNamespace(d.File)
	}
	if IsInstallConfig(r.GroupKind()) {
		g.addInstallConfig(r)
		return
	}
	k := r.Key()
	if prev, dup := g.byKey[k]; dup {
		if g.copies[k] == nil {
			g.copies[k] = []*Resource{prev}
		}
		g.copies[k] = append(g.copies[k], r)
	}
	g.byKey[k] = r
	g.byKind[r.GroupKind()] = append(g.byKind[r.GroupKind()], r)
	r.applyIndex = len(g.Resources)
	g.Resources = append(g.Resources, r)
}

// defaultNamespace is the namespace of documents without one in file.
func (g *Graph) defaultNamespace(file string) string {
	if g.opts.FileNamespace == nil {
		return g.opts.DefaultNamespace
	}
	ns, seen := g.fileNamespaces[file]
	if !seen {
		if ns = g.opts.FileNamespace(file); ns == "" {
			ns = g.opts.DefaultNamespace
		}
		g.fileNamespaces[file] = ns
	}
	return ns
}

// shadowCopies points every copy but the last of an object at the last,
// and lists the resources that remain, in input order.
func (g *Graph) shadowCopies() {
	for _, cs := range g.copies {
		last := cs[len(cs)-1]
		for _, c := range cs[:len(cs)-1] {
			c.ShadowedBy = last
		}
	}
	if len(g.copies) == 0 {
		g.applied = g.Resources
		return
	}
	g.applied = make([]*Resource, 0, len(g.Resources))
	for _, r := range g.Resources {
		if r.ShadowedBy == nil {
			g.applied = append(g.applied, r)
		}
	}
}

// addInstallConfig adds install-time configuration, which is not keyed:
// it may have no name, and files of the same name configure separate
// installs rather than define one object twice.
func (g *Graph) addInstallConfig(r *Resource) {
	g.byKind[r.GroupKind()] = append(g.byKind[r.GroupKind()], r)
	g.Resources = append(g.Resources, r)
}

// specProblems reports the specs that did not decode (readDoc decoded
// them), in resource order.
func (g *Graph) specProblems() {
	for _, r := range g.Resources {
		if r.SpecError != nil {
			g.Problems = append(g.Problems, Problem{
				Kind: ProblemSpecDecode, Resource: r, Path: r.specPath(), Location: r.Location(r.specPath()),
				Message: r.specPath() + " is not a valid " + r.specType() + ": " + r.SpecError.Error(),
			})
		}
	}
}

// All returns what takes effect: the copies of the files' resources
// that win (see Applied), then the implied ones.
func (g *Graph) All() []*Resource {
	return append(g.applied[:len(g.applied):len(g.applied)], g.Implied...)
}

// Get returns the resource with key k (the copy that wins, or an implied
// resource), or nil.
func (g *Graph) Get(k Key) *Resource { return g.byKey[k] }

// OfKind returns the resources of a kind in load order, shadowed copies
// included (see ShadowedBy).
func (g *Graph) OfKind(gk GroupKind) []*Resource { return g.byKind[gk] }

// Applied returns the resources no later copy shadows, in load order:
// what applying all the files would leave in a cluster.
func (g *Graph) Applied() []*Resource { return g.applied }

// Copies returns every definition of the object with key k in load order
// (the last is the one that wins); one or none when it is not duplicated.
func (g *Graph) Copies(k Key) []*Resource {
	if cs := g.copies[k]; cs != nil {
		return cs
	}
	if r := g.byKey[k]; r != nil {
		return []*Resource{r}
	}
	return nil
}

// Namespace returns the Namespace object named ns, or nil.
func (g *Graph) Namespace(ns string) *Resource { return g.byKey[Key{KindNamespace, "", ns}] }

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Location, ps[j].Location
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Start.Before(b.Start)
	})
}

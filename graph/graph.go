// Package graph is the resolved view of the analyzed manifests: resources
// built from the documents yamldoc loads, their kinds and typed specs
// (decoded by istiospec), indexes by key, kind and host, and the typed
// edges between them. Load turns sources into a graph.
package graph

import (
	"sort"

	"github.com/meshlint/meshlint/graph/internal/parallel"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
)

// Options control how sources become a graph.
type Options struct {
	// DefaultNamespace is given to namespaced documents without one. It may
	// be empty (then such resources live in the "" namespace).
	DefaultNamespace string
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
}

// Externals declare resources that live elsewhere, so that references to
// them are not reported as missing.
type Externals struct {
	Hosts    []string // host patterns; a leading * is a wildcard
	Gateways []string // "namespace/name"
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

	byKey     map[Key]*Resource
	byKind    map[GroupKind][]*Resource
	hosts     *hostIndex
	edges     []*Edge
	edgesFrom map[*Resource][]*Edge
	// workloads includes the implied ones.
	workloads []*Workload
}

// Options returns the options the graph was built with.
func (g *Graph) Options() Options { return g.opts }

// Load parses sources (in parallel: see yamldoc.LoadAll) and builds the graph.
func Load(sources []source.Source, opts Options) *Graph {
	return Build(yamldoc.LoadAll(sources, opts.Limits), opts)
}

// Build turns parsed files into a graph: resources with typed specs,
// duplicate detection, indexes and edges.
func Build(files []*yamldoc.LoadedFile, opts Options) *Graph {
	if opts.ClusterDomain == "" {
		opts.ClusterDomain = DefaultClusterDomain
	}
	if opts.Mesh == (MeshConfig{}) {
		opts.Mesh = DefaultMeshConfig()
	}
	opts.Limits = opts.Limits.WithDefaults()
	g := &Graph{opts: opts, Files: files, byKey: map[Key]*Resource{}, byKind: map[GroupKind][]*Resource{}}
	var docs []*yamldoc.Document
	for _, f := range files {
		for _, p := range f.Problems {
			g.Problems = append(g.Problems, loadProblem(p))
		}
		docs = append(docs, f.Documents...)
	}
	g.Documents = len(docs)
	// Values converts in parallel; the resources are added in document
	// order, on which duplicates depend.
	values, refused := yamldoc.Values(docs, g.opts.Limits)
	for i, d := range docs {
		g.addDocument(d, values[i], refused[i])
	}
	g.decodeAll()
	g.addImplied()
	g.hosts = buildHostIndex(g.All(), opts.ClusterDomain)
	g.workloads = collectWorkloads(g)
	g.buildEdges()
	sortProblems(g.Problems)
	return g
}

// addDocument adds a document as a resource, unless the alias limits
// refused it, it is not a cluster object, or its identity is unusable or
// taken.
func (g *Graph) addDocument(d *yamldoc.Document, v any, refused *yamldoc.Problem) {
	if refused != nil {
		g.Problems = append(g.Problems, loadProblem(*refused))
		return
	}
	obj, _ := v.(map[string]any)
	if why := notAnObject(obj); why != "" {
		g.NotObjects = append(g.NotObjects, NotObject{Location: d.Start(), Why: why})
		return
	}
	r, problem := newResource(d, obj, g.opts.DefaultNamespace)
	if problem != nil {
		g.Problems = append(g.Problems, *problem)
		return
	}
	if first, dup := g.byKey[r.Key()]; dup {
		g.Problems = append(g.Problems, Problem{
			Kind: ProblemDuplicateResource, Resource: r, Path: "metadata.name",
			Location: r.Location("metadata.name"),
			Message:  r.String() + " is defined twice; the second definition would replace the first on apply",
			Related:  []RelatedLocation{{Location: first.Location("metadata.name"), Message: "first definition of " + first.String()}},
		})
		return
	}
	g.byKey[r.Key()] = r
	g.byKind[r.GroupKind()] = append(g.byKind[r.GroupKind()], r)
	g.Resources = append(g.Resources, r)
}

// decodeAll decodes typed specs in parallel: protobuf JSON decoding is the
// costliest step after parsing.
func (g *Graph) decodeAll() {
	parallel.For(len(g.Resources), func(i int) { decodeSpecs(g.Resources[i]) })
	for _, r := range g.Resources {
		if r.SpecError != nil {
			g.Problems = append(g.Problems, Problem{
				Kind: ProblemSpecDecode, Resource: r, Path: "spec", Location: r.Location("spec"),
				Message: "spec is not a valid " + r.Kind + ": " + r.SpecError.Error(),
			})
		}
	}
}

// All returns the resources of the files, then the implied ones.
func (g *Graph) All() []*Resource {
	return append(g.Resources[:len(g.Resources):len(g.Resources)], g.Implied...)
}

// Get returns the resource with key k, or nil.
func (g *Graph) Get(k Key) *Resource { return g.byKey[k] }

// OfKind returns the resources of a kind in load order.
func (g *Graph) OfKind(gk GroupKind) []*Resource { return g.byKind[gk] }

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

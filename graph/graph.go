package graph

import (
	"runtime"
	"sort"
	"sync"
)

// Options control how sources become a graph.
type Options struct {
	// DefaultNamespace is given to namespaced documents without one. It may
	// be empty (then such resources live in the "" namespace).
	DefaultNamespace string
	// ClusterDomain is the DNS suffix of Services (default cluster.local).
	ClusterDomain string
	// AssumeDefaultIngress adds Istio's default ingress gateway workload
	// (istio-system, label istio=ingressgateway), which most repositories
	// do not contain but every default install runs.
	AssumeDefaultIngress bool
	// Externals are things that exist outside the analyzed manifests.
	Externals Externals
	Limits    Limits
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
	opts      Options
	Files     []*LoadedFile
	Resources []*Resource
	Problems  []Problem
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
	// workloads includes the assumed default ingress gateway, if any.
	workloads []*Workload
}

// Options returns the options the graph was built with.
func (g *Graph) Options() Options { return g.opts }

// Load parses sources in parallel and builds the graph. Each worker also
// converts the documents of its file that hold no aliases and releases
// their node trees, so that a large mesh never holds all of its trees at
// once: they were more than half of its memory.
func Load(sources []Source, opts Options) *Graph {
	limits := opts.Limits.withDefaults()
	files := make([]*LoadedFile, len(sources))
	parallelFor(len(sources), func(i int) {
		files[i] = LoadFile(sources[i], limits)
		files[i].convertPlain(limits)
	})
	return Build(files, opts)
}

// convertPlain converts the documents without aliases, which the alias
// budgets never refuse, and releases their trees; a lookup parses a tree
// again when a finding needs a position.
func (lf *LoadedFile) convertPlain(l Limits) {
	for _, d := range lf.Documents {
		if d.aliases {
			continue // Build decides, in document order, what aliases may add
		}
		v, hasNull, err := convertDocument(d.Root(), l.MaxAliasExpanded, l.MaxDepth)
		if err != nil {
			continue // Build converts it again and reports why
		}
		d.value, d.hasNull, d.converted = v, hasNull, true
		d.release()
	}
}

// Build turns parsed files into a graph: resources with typed specs,
// duplicate detection, indexes and edges.
func Build(files []*LoadedFile, opts Options) *Graph {
	if opts.ClusterDomain == "" {
		opts.ClusterDomain = DefaultClusterDomain
	}
	if opts.Mesh == (MeshConfig{}) {
		opts.Mesh = DefaultMeshConfig()
	}
	opts.Limits = opts.Limits.withDefaults()
	g := &Graph{opts: opts, Files: files, byKey: map[Key]*Resource{}, byKind: map[GroupKind][]*Resource{}}
	var docs []*Document
	for _, f := range files {
		g.Problems = append(g.Problems, f.Problems...)
		docs = append(docs, f.Documents...)
	}
	g.Documents = len(docs)
	// Converting node trees to values is independent per document: do it
	// in parallel, then add the resources in order (duplicates depend on it).
	// The alias limits refuse documents first, without building values.
	values := make([]any, len(docs))
	errs := refuseTotalExpansion(docs, g.opts.Limits)
	parallelFor(len(docs), func(i int) {
		switch d := docs[i]; {
		case errs[i] != nil:
		case d.converted:
			values[i] = d.value
		default:
			values[i], d.hasNull, errs[i] = convertDocument(d.Root(), g.opts.Limits.MaxAliasExpanded, g.opts.Limits.MaxDepth)
		}
	})
	for i, d := range docs {
		g.addDocument(d, values[i], errs[i])
	}
	g.decodeAll()
	g.hosts = buildHostIndex(g.Resources, opts.ClusterDomain)
	g.workloads = collectWorkloads(g)
	g.buildEdges()
	sortProblems(g.Problems)
	return g
}

func (g *Graph) addDocument(d *Document, v any, err error) {
	if err != nil {
		g.Problems = append(g.Problems, expansionProblem(d, err, g.opts.Limits))
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
	parallelFor(len(g.Resources), func(i int) { decodeSpecs(g.Resources[i]) })
	for _, r := range g.Resources {
		if r.SpecError != nil {
			g.Problems = append(g.Problems, Problem{
				Kind: ProblemSpecDecode, Resource: r, Path: "spec", Location: r.Location("spec"),
				Message: "spec is not a valid " + r.Kind + ": " + r.SpecError.Error(),
			})
		}
	}
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

// parallelFor runs fn(0..n-1) on GOMAXPROCS goroutines, striped so that
// neighbouring (similar-sized) items spread over the workers.
func parallelFor(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}(w)
	}
	wg.Wait()
}

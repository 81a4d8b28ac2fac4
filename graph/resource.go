package graph

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/meshlint/meshlint/graph/fieldpath"
	"github.com/meshlint/meshlint/graph/yamldoc"
)

// Key identifies a resource: kind (without version), namespace and name.
type Key struct {
	GroupKind
	Namespace string
	Name      string
}

func (k Key) String() string {
	if k.Name == "" { // install-time configuration may have no name
		return k.Kind
	}
	if k.Namespace == "" {
		return k.Kind + " " + k.Name
	}
	return k.Kind + " " + k.Namespace + "/" + k.Name
}

// Resource is one object of the analyzed set with what the graph derived
// from it. Analyzers treat it as read-only.
type Resource struct {
	Doc        *yamldoc.Document
	APIVersion string
	Group      string
	Version    string
	Kind       string
	Namespace  string
	Name       string
	// NamespaceDefaulted is true when the document had no namespace and got
	// the default one.
	NamespaceDefaulted bool
	Labels             map[string]string
	Annotations        map[string]string
	// Object is the whole document as plain values (aliases and merge keys resolved).
	Object map[string]any
	// HasNull is true when a null value appears anywhere in Object.
	HasNull bool

	// Spec is the typed Istio spec (an istio.io/api message) for Istio
	// kinds; nil for other kinds or when the spec did not decode.
	Spec      proto.Message
	SpecError error
	// destinations are a VirtualService's, listed once with its spec.
	destinations []Destination

	// Service is set for core Services.
	Service *ServiceSpec
	// Workload is set for kinds that run pods (Pod, Deployment, StatefulSet,
	// DaemonSet, ReplicaSet, Job, CronJob).
	Workload *WorkloadSpec

	// ShadowedBy is the later copy of the same object that replaces this
	// one when the files are applied together; nil for the copy that wins.
	// A shadowed resource is checked on its own but has no edges, and
	// references never resolve to it (see the package doc).
	ShadowedBy *Resource
	// Implied is set on resources Istio creates by itself that the graph
	// adds (see implied.go): it says where they come from, in words that
	// follow "implied: ". Such a resource has no document (Doc is nil) and
	// no location; rules read it like any other but never report on it.
	Implied string

	// applyIndex is the position of the document in apply order (see
	// applyorder.go).
	applyIndex int
}

// GroupKind returns the resource's kind without version.
func (r *Resource) GroupKind() GroupKind { return GroupKind{r.Group, r.Kind} }

// Key returns the resource's identity.
func (r *Resource) Key() Key { return Key{r.GroupKind(), r.Namespace, r.Name} }

// String renders "Kind namespace/name" (or "Kind name" when cluster-scoped),
// followed by where an implied resource comes from: every message that
// names one then says it is not in the files.
func (r *Resource) String() string {
	if r.Implied != "" {
		return r.Key().String() + " (implied: " + r.Implied + ")"
	}
	return r.Key().String()
}

// NamespacedName renders "namespace/name".
func (r *Resource) NamespacedName() string {
	if r.Namespace == "" {
		return r.Name
	}
	return r.Namespace + "/" + r.Name
}

// Location is the position of the field at path in this resource's
// document; an implied resource has none (no file, no position).
func (r *Resource) Location(path string) Location {
	if r.Doc == nil {
		return Location{}
	}
	return r.Doc.Location(path)
}

// Start is where the object begins (its first key), without parsing the
// document's node tree again as Location does once it was released.
func (r *Resource) Start() Location {
	if r.Doc == nil {
		return Location{}
	}
	return r.Doc.Start()
}

// Has reports whether the field at path is written in the object (null
// counts as written), merge keys included. It reads the decoded object,
// not the node tree, which may have to be parsed again.
func (r *Resource) Has(path string) bool {
	_, found := r.ValueAt(path)
	return found
}

// ValueAt returns the value at path of the resource's object, as plain
// values (aliases resolved), and whether it is there.
func (r *Resource) ValueAt(path string) (any, bool) {
	var cur any = r.Object
	found := true
	err := fieldpath.Each(path, func(s fieldpath.Segment) bool {
		if s.IsIndex {
			list, _ := cur.([]any)
			if found = s.Index < len(list); found {
				cur = list[s.Index]
			}
		} else {
			m, _ := cur.(map[string]any)
			cur, found = m[s.Key]
		}
		return found
	})
	if err != nil || !found {
		return nil, false
	}
	return cur, true
}

// Is reports whether the resource is of kind gk.
func (r *Resource) Is(gk GroupKind) bool { return r.Group == gk.Group && r.Kind == gk.Kind }

// newResource reads identity and metadata from a document. It returns a
// problem instead when the document is not a Kubernetes object.
func newResource(doc *yamldoc.Document, obj map[string]any, defaultNamespace string) (*Resource, *Problem) {
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	meta, _ := obj["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if name == "" {
		name, _ = meta["generateName"].(string)
	}
	group, version := splitAPIVersion(apiVersion)
	if missing := missingIdentity(obj, apiVersion, GroupKind{group, kind}, meta, name); missing != "" {
		return nil, &Problem{
			Kind:     ProblemInvalidResource,
			Location: doc.Location(missing),
			Message:  unusableField(obj, missing) + "; it is not a Kubernetes object and is not analyzed",
		}
	}
	r := &Resource{
		Doc: doc, APIVersion: apiVersion, Group: group, Version: version, Kind: kind, Name: name,
		Labels: stringMap(meta["labels"]), Annotations: stringMap(meta["annotations"]), Object: obj, HasNull: doc.HasNull(),
	}
	switch {
	case IsInstallConfig(r.GroupKind()):
		// The namespace istioctl installs into when written; no default.
		r.Namespace, _ = meta["namespace"].(string)
	case !IsClusterScoped(kind):
		r.Namespace, _ = meta["namespace"].(string)
		if r.Namespace == "" {
			r.Namespace, r.NamespaceDefaulted = defaultNamespace, true
		}
	}
	return r, nil
}

// missingIdentity names the field a document of kind gk lacks to be an
// object ("" when it lacks none). Install-time configuration needs no
// metadata, but metadata that is written must still be a mapping.
func missingIdentity(obj map[string]any, apiVersion string, gk GroupKind, meta map[string]any, name string) string {
	switch {
	case apiVersion == "":
		return "apiVersion"
	case gk.Kind == "":
		return "kind"
	case IsInstallConfig(gk) && (meta != nil || obj["metadata"] == nil):
		return ""
	case meta == nil:
		return "metadata"
	case name == "":
		return "metadata.name"
	}
	return ""
}

// unusableField says why the required field at path (apiVersion, kind,
// metadata or metadata.name) cannot be used: it is absent or empty, or it
// has the wrong type. "document has no metadata" misled when metadata was
// a string.
func unusableField(obj map[string]any, path string) string {
	var v any = obj
	written := true
	for _, key := range strings.Split(path, ".") {
		m, _ := v.(map[string]any)
		v, written = m[key]
	}
	want := "a string"
	if path == "metadata" {
		want = "a mapping"
	}
	switch got := valueTypeName(v); {
	case v == nil && written:
		// `metadata:` with nothing under it: "has no metadata" misled.
		return fmt.Sprintf("document's %s is empty (null), not %s", path, want)
	case v != nil && got != want:
		return fmt.Sprintf("document's %s is %s, not %s", path, got, want)
	}
	return "document has no " + path
}

// valueTypeName names the type of a converted YAML value for messages.
func valueTypeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a sequence"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	}
	return "null"
}

// stringMap converts a labels/annotations value, rendering non-string
// values as YAML would print them.
func stringMap(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, val := range m {
		switch val := val.(type) {
		case string:
			out[k] = val
		case nil:
			out[k] = ""
		default:
			out[k] = fmt.Sprint(val)
		}
	}
	return out
}

// Package schemas holds the JSON Schemas of the kinds meshlint validates —
// Istio CRDs, core Kubernetes kinds, Kubernetes Gateway API CRDs — generated
// from pinned sources by `go generate`, embedded, and loaded lazily; plus the
// user's own CRDs added at run time.
package schemas

import (
	_ "embed" // the bundle
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Schema is a Kubernetes structural schema, as in a CRD version's
// openAPIV3Schema: JSON-Schema keywords plus the x-kubernetes extensions.
// Core kinds are converted into the same form, with $refs inlined.
type Schema struct {
	Type                 string             `json:"type,omitempty"`
	Format               string             `json:"format,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	AdditionalProperties *SchemaOrBool      `json:"additionalProperties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	Enum                 []any              `json:"enum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Minimum              *float64           `json:"minimum,omitempty"`
	Maximum              *float64           `json:"maximum,omitempty"`
	ExclusiveMinimum     bool               `json:"exclusiveMinimum,omitempty"`
	ExclusiveMaximum     bool               `json:"exclusiveMaximum,omitempty"`
	MinLength            *int64             `json:"minLength,omitempty"`
	MaxLength            *int64             `json:"maxLength,omitempty"`
	MinItems             *int64             `json:"minItems,omitempty"`
	MaxItems             *int64             `json:"maxItems,omitempty"`
	MinProperties        *int64             `json:"minProperties,omitempty"`
	MaxProperties        *int64             `json:"maxProperties,omitempty"`
	Nullable             bool               `json:"nullable,omitempty"`
	AllOf                []*Schema          `json:"allOf,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	OneOf                []*Schema          `json:"oneOf,omitempty"`
	Not                  *Schema            `json:"not,omitempty"`
	Default              any                `json:"default,omitempty"`

	PreserveUnknownFields *bool            `json:"x-kubernetes-preserve-unknown-fields,omitempty"`
	IntOrString           bool             `json:"x-kubernetes-int-or-string,omitempty"`
	EmbeddedResource      bool             `json:"x-kubernetes-embedded-resource,omitempty"`
	ListType              string           `json:"x-kubernetes-list-type,omitempty"`
	ListMapKeys           []string         `json:"x-kubernetes-list-map-keys,omitempty"`
	MapType               string           `json:"x-kubernetes-map-type,omitempty"`
	Validations           []ValidationRule `json:"x-kubernetes-validations,omitempty"`
}

// SchemaOrBool is additionalProperties: a schema, or true/false.
type SchemaOrBool struct {
	Allows bool
	Schema *Schema
}

// MarshalJSON writes the bool form when there is no schema.
func (s SchemaOrBool) MarshalJSON() ([]byte, error) {
	if s.Schema != nil {
		return json.Marshal(s.Schema)
	}
	return json.Marshal(s.Allows)
}

// UnmarshalJSON reads either form.
func (s *SchemaOrBool) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && (data[0] == 't' || data[0] == 'f') {
		s.Schema = nil
		return json.Unmarshal(data, &s.Allows)
	}
	s.Allows = true
	s.Schema = &Schema{}
	return json.Unmarshal(data, s.Schema)
}

// ValidationRule is one x-kubernetes-validations entry (a CEL rule).
type ValidationRule struct {
	Rule              string `json:"rule"`
	Message           string `json:"message,omitempty"`
	MessageExpression string `json:"messageExpression,omitempty"`
	Reason            string `json:"reason,omitempty"`
	FieldPath         string `json:"fieldPath,omitempty"`
	OptionalOldSelf   *bool  `json:"optionalOldSelf,omitempty"`
}

// GVK names a kind in one API version.
type GVK struct {
	Group   string
	Version string
	Kind    string
}

func (g GVK) String() string {
	if g.Group == "" {
		return g.Version + "/" + g.Kind
	}
	return g.Group + "/" + g.Version + "/" + g.Kind
}

// Entry is a schema with what is known about its version.
type Entry struct {
	GVK    GVK
	Schema *Schema
	// Served and Deprecated come from the CRD (always served for core kinds).
	Served     bool
	Deprecated bool
	// DeprecationWarning is the CRD's deprecationWarning, if any.
	DeprecationWarning string
	// Channel is ExperimentalChannel when only the Gateway API's
	// experimental channel serves the version, "" otherwise.
	Channel string
	// Origin says where the schema came from (module@version/file, or a
	// user file).
	Origin string
}

// ExperimentalChannel is the Gateway API release channel that serves more
// versions and fields than the standard one.
const ExperimentalChannel = "experimental"

// KubernetesModule is the module the built-in kinds' schemas come from:
// the API server's own types, served without a CRD.
const KubernetesModule = "k8s.io/kubernetes"

// BuiltIn reports whether e is a built-in Kubernetes kind rather than one
// a CustomResourceDefinition defines.
func (e *Entry) BuiltIn() bool {
	return strings.HasPrefix(e.Origin, KubernetesModule+"@")
}

// Release names the upstream release e comes from, as a user knows it
// ("Gateway API v1.6.0", "istio.io/api v1.31.1"), or its origin (a user
// CRD file).
func (e *Entry) Release() string {
	module, rest, ok := strings.Cut(e.Origin, "@")
	if !ok {
		return e.Origin
	}
	version, _, _ := strings.Cut(rest, "/")
	if name, ok := releaseNames[module]; ok {
		module = name
	}
	return module + " " + version
}

var releaseNames = map[string]string{
	"sigs.k8s.io/gateway-api": "Gateway API",
	KubernetesModule:          "Kubernetes",
}

// entryFile is the on-disk form of an embedded entry.
type entryFile struct {
	Group              string  `json:"group"`
	Version            string  `json:"version"`
	Kind               string  `json:"kind"`
	Served             bool    `json:"served"`
	Deprecated         bool    `json:"deprecated,omitempty"`
	DeprecationWarning string  `json:"deprecationWarning,omitempty"`
	Channel            string  `json:"channel,omitempty"`
	Origin             string  `json:"origin"`
	Schema             *Schema `json:"schema"`
}

// bundleData is the bundle of the JSON files of data/ (bundle.go).
//
//go:embed bundle.bin
var bundleData string

// EmbeddedPath is where the JSON entry of gvk lives in this directory, the
// source of the embedded bundle.
func EmbeddedPath(g GVK) string {
	group := g.Group
	if group == "" {
		group = "core"
	}
	return path.Join("data", group, g.Version, g.Kind+".json")
}

// Registry finds schemas: the embedded ones, loaded on first use, plus
// user CRDs. It is safe for concurrent use.
type Registry struct {
	mu sync.Mutex
	// loaded decodes each embedded entry once, outside mu: a Deployment's
	// schema takes milliseconds, and the rules look up other kinds
	// meanwhile.
	loaded map[GVK]func() (*Entry, error)
	user   map[GVK]*Entry
	// compiled maps *Entry to its validator, compiled on first use
	// (validate.go); keyed by entry so that AddUser replacing a schema
	// never serves the old one.
	compiled sync.Map
}

// NewRegistry returns a registry over the embedded schemas.
func NewRegistry() *Registry {
	return &Registry{loaded: map[GVK]func() (*Entry, error){}, user: map[GVK]*Entry{}}
}

// Lookup returns the schema for gvk; a user CRD wins over an embedded
// schema. ok is false when meshlint has no schema for the kind.
func (r *Registry) Lookup(g GVK) (*Entry, bool, error) {
	r.mu.Lock()
	if e, ok := r.user[g]; ok {
		r.mu.Unlock()
		return e, true, nil
	}
	load, ok := r.loaded[g]
	if !ok {
		load = sync.OnceValues(func() (*Entry, error) { return loadEmbedded(g) })
		r.loaded[g] = load
	}
	r.mu.Unlock()
	e, err := load()
	return e, e != nil, err
}

// loadEmbedded decodes the embedded entry of g; nil when there is none.
func loadEmbedded(g GVK) (*Entry, error) {
	b, err := embeddedBundle()
	if err != nil {
		return nil, err
	}
	be, ok := b.entries[g]
	if !ok {
		return nil, nil
	}
	e := be.Entry
	if e.Schema, err = b.schema(be.root); err != nil {
		return nil, fmt.Errorf("embedded schema %s: %v", g, err)
	}
	return &e, nil
}

// decodeEntryJSON reads the JSON form of an entry (EncodeEntry).
func decodeEntryJSON(raw []byte) (*Entry, error) {
	var f entryFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	return &Entry{
		GVK: GVK{Group: f.Group, Version: f.Version, Kind: f.Kind}, Schema: f.Schema, Served: f.Served,
		Deprecated: f.Deprecated, DeprecationWarning: f.DeprecationWarning, Channel: f.Channel, Origin: f.Origin,
	}, nil
}

// AddUser registers a user-supplied schema (from --crd).
func (r *Registry) AddUser(e *Entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.user[e.GVK] = e
}

// Versions lists the embedded versions of a group and kind, sorted; used
// to name the replacement of a removed or deprecated version.
func Versions(group, kind string) []string {
	var out []string
	for g := range bundledGVKs() {
		if g.Group == group && g.Kind == kind {
			out = append(out, g.Version)
		}
	}
	sort.Strings(out)
	return out
}

// Kinds lists the embedded kinds of a group, in any version, sorted.
func Kinds(group string) []string {
	var out []string
	for g := range bundledGVKs() {
		if g.Group == group && !slices.Contains(out, g.Kind) {
			out = append(out, g.Kind)
		}
	}
	sort.Strings(out)
	return out
}

// bundledGVKs are the kinds and versions of the bundle (none if it does
// not open, which Lookup reports).
func bundledGVKs() iter.Seq[GVK] {
	b, err := embeddedBundle()
	if err != nil {
		return maps.Keys(map[GVK]bundleEntry{})
	}
	return maps.Keys(b.entries)
}

var (
	defaultOnce     sync.Once
	defaultRegistry *Registry
)

// Default is the process-wide registry of embedded schemas: what it has
// loaded stays loaded, which keeps repeated runs (an editor) fast.
func Default() *Registry {
	defaultOnce.Do(func() { defaultRegistry = NewRegistry() })
	return defaultRegistry
}

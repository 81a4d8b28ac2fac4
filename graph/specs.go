package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	extensions "istio.io/api/extensions/v1alpha1"
	networking "istio.io/api/networking/v1alpha3"
	networkingbeta "istio.io/api/networking/v1beta1"
	security "istio.io/api/security/v1beta1"
	telemetry "istio.io/api/telemetry/v1alpha1"
)

// istioSpecs maps each Istio kind to a constructor of its spec message.
// Every served version of a kind shares one message in istio.io/api.
var istioSpecs = map[GroupKind]func() proto.Message{
	KindVirtualService:                     func() proto.Message { return &networking.VirtualService{} },
	KindDestinationRule:                    func() proto.Message { return &networking.DestinationRule{} },
	KindGateway:                            func() proto.Message { return &networking.Gateway{} },
	KindServiceEntry:                       func() proto.Message { return &networking.ServiceEntry{} },
	KindSidecar:                            func() proto.Message { return &networking.Sidecar{} },
	{GroupNetworking, "WorkloadEntry"}:     func() proto.Message { return &networking.WorkloadEntry{} },
	{GroupNetworking, "WorkloadGroup"}:     func() proto.Message { return &networking.WorkloadGroup{} },
	{GroupNetworking, "EnvoyFilter"}:       func() proto.Message { return &networking.EnvoyFilter{} },
	{GroupNetworking, "ProxyConfig"}:       func() proto.Message { return &networkingbeta.ProxyConfig{} },
	{GroupSecurity, "AuthorizationPolicy"}: func() proto.Message { return &security.AuthorizationPolicy{} },
	{GroupSecurity, "PeerAuthentication"}:  func() proto.Message { return &security.PeerAuthentication{} },
	{GroupSecurity, "RequestAuthentication"}: func() proto.Message {
		return &security.RequestAuthentication{}
	},
	{GroupTelemetry, "Telemetry"}:         func() proto.Message { return &telemetry.Telemetry{} },
	{GroupExtensions, "WasmPlugin"}:       func() proto.Message { return &extensions.WasmPlugin{} },
	{GroupExtensions, "TrafficExtension"}: func() proto.Message { return &extensions.TrafficExtension{} },
}

// IsIstioKind reports whether gk is an Istio configuration kind.
func IsIstioKind(gk GroupKind) bool { _, ok := istioSpecs[gk]; return ok }

// specDecoder is strict: fields the API type does not define are pruned
// beforehand (pruneUnknown), because protojson's DiscardUnknown would also
// drop unknown enum values silently, turning `mode: MUTAL` into the default.
var specDecoder = protojson.UnmarshalOptions{}

// decodeSpecs fills the typed views of a resource. Failures are recorded on
// the resource; it stays in the graph either way.
func decodeSpecs(r *Resource) {
	gk := r.GroupKind()
	if newSpec, ok := istioSpecs[gk]; ok {
		spec := newSpec()
		raw, present := r.Object["spec"]
		if !present || raw == nil {
			r.Spec = spec
			return
		}
		if fillMessage(spec.ProtoReflect(), raw) {
			r.Spec = spec
			return
		}
		spec = newSpec() // the fast path gave up half-way: start again
		data, err := json.Marshal(pruneUnknown(raw, spec.ProtoReflect().Descriptor()))
		if err == nil {
			err = specDecoder.Unmarshal(data, spec)
		}
		if err != nil {
			r.SpecError = errors.New(protoErrorNoise.ReplaceAllString(err.Error(), ""))
			return
		}
		r.Spec = spec
		return
	}
	switch {
	case gk == KindService:
		r.Service = decodeService(r.Object)
	case isWorkloadKind(gk):
		r.Workload = decodeWorkload(gk, r)
	}
}

// protoErrorNoise is what protojson adds to its errors that means nothing to
// a user: its package name and offsets into the JSON meshlint rendered.
// (protojson separates "proto:" with a space or a no-break space.)
var protoErrorNoise = regexp.MustCompile(`^proto:[\s\x{a0}]*(\(line \d+:\d+\):[\s\x{a0}]*)?|[\s\x{a0}]*\(line \d+:\d+\)`)

// pruneUnknown returns v, a JSON-like value for message md, without the
// fields md does not define (at any depth), so that specs written for a
// newer API version still decode. Well-known types (Struct, Duration...)
// have their own JSON forms and are left alone.
func pruneUnknown(v any, md protoreflect.MessageDescriptor) any {
	if md.FullName() == "google.protobuf.Duration" {
		return durationSeconds(v)
	}
	obj, ok := v.(map[string]any)
	if !ok || wellKnown(md) {
		return v
	}
	fields := md.Fields()
	out := make(map[string]any, len(obj))
	for k, val := range obj {
		fd := fields.ByJSONName(k)
		if fd == nil {
			fd = fields.ByName(protoreflect.Name(k))
		}
		if fd != nil {
			out[k] = pruneField(val, fd)
		}
	}
	return out
}

func pruneField(v any, fd protoreflect.FieldDescriptor) any {
	switch {
	case fd.IsMap():
		m, ok := v.(map[string]any)
		if !ok || fd.MapValue().Message() == nil {
			return v
		}
		out := make(map[string]any, len(m))
		for k, e := range m {
			out[k] = pruneUnknown(e, fd.MapValue().Message())
		}
		return out
	case fd.Message() == nil:
		return v
	case fd.IsList():
		list, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(list))
		for i, e := range list {
			out[i] = pruneUnknown(e, fd.Message())
		}
		return out
	}
	return pruneUnknown(v, fd.Message())
}

// ServicePort is one port of a Kubernetes Service.
type ServicePort struct {
	Name        string
	Port        int
	TargetPort  string
	Protocol    string
	AppProtocol string
}

// ServiceSpec is the part of a Service the analyzers read.
type ServiceSpec struct {
	Type     string
	Selector map[string]string
	Ports    []ServicePort
}

func decodeService(obj map[string]any) *ServiceSpec {
	spec, _ := obj["spec"].(map[string]any)
	s := &ServiceSpec{Selector: stringMap(spec["selector"])}
	s.Type, _ = spec["type"].(string)
	ports, _ := spec["ports"].([]any)
	for _, p := range ports {
		pm, _ := p.(map[string]any)
		sp := ServicePort{Port: intValue(pm["port"]), TargetPort: scalarString(pm["targetPort"])}
		sp.Name, _ = pm["name"].(string)
		sp.Protocol, _ = pm["protocol"].(string)
		sp.AppProtocol, _ = pm["appProtocol"].(string)
		s.Ports = append(s.Ports, sp)
	}
	return s
}

// WorkloadSpec is the pod template of a workload (or the Pod itself).
type WorkloadSpec struct {
	// TemplatePath is the field path of the pod template ("" for Pods).
	TemplatePath string
	Labels       map[string]string
	Annotations  map[string]string
	Containers   []string
	// InitContainers lists init container names.
	InitContainers []string
	// RunAs is the user the pod and each of its containers run as.
	RunAs PodRunAs
}

func isWorkloadKind(gk GroupKind) bool { _, ok := workloadTemplatePaths[gk]; return ok }

func decodeWorkload(gk GroupKind, r *Resource) *WorkloadSpec {
	path := workloadTemplatePaths[gk]
	w := &WorkloadSpec{TemplatePath: path}
	tmpl := r.Object
	if path != "" {
		tmpl = lookupMap(r.Object, path)
	}
	meta, _ := tmpl["metadata"].(map[string]any)
	w.Labels, w.Annotations = stringMap(meta["labels"]), stringMap(meta["annotations"])
	podSpec, _ := tmpl["spec"].(map[string]any)
	w.Containers = containerNames(podSpec["containers"])
	w.InitContainers = containerNames(podSpec["initContainers"])
	w.RunAs = decodeRunAs(podSpec)
	return w
}

func containerNames(v any) []string {
	list, _ := v.([]any)
	var names []string
	for _, c := range list {
		cm, _ := c.(map[string]any)
		if n, ok := cm["name"].(string); ok {
			names = append(names, n)
		}
	}
	return names
}

// lookupMap walks a dotted path of plain keys through nested maps.
func lookupMap(obj map[string]any, path string) map[string]any {
	segs, _ := ParsePath(path)
	cur := obj
	for _, s := range segs {
		next, _ := cur[s.Key].(map[string]any)
		if next == nil {
			return nil
		}
		cur = next
	}
	return cur
}

// intValue reads an integer field; 0 when it is not one. A float is taken
// only when it is a whole number an int holds: converting 1e20 gives
// whatever the platform makes of it (TestIntValueOutOfRange).
func intValue(v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) <= 1<<53 {
			return int(v)
		}
		return 0
	case string:
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return 0
}

func scalarString(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// durationSeconds rewrites a duration such as "15m" or "1h30m", which the
// API server and Istio accept, into the seconds form protobuf JSON
// requires ("900s"). Anything else is left for the decoder to judge.
func durationSeconds(v any) any {
	str, ok := v.(string)
	if !ok || strings.HasSuffix(str, "s") && !strings.HasSuffix(str, "ms") && !strings.HasSuffix(str, "us") && !strings.HasSuffix(str, "ns") && !strings.ContainsAny(strings.TrimSuffix(str, "s"), "hm") {
		return v
	}
	d, err := time.ParseDuration(str)
	if err != nil {
		return v
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}

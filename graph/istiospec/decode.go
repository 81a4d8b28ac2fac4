// Package istiospec decodes the specs of Istio kinds into their typed
// istio.io/api messages: from the plain values the YAML decoded to, with
// unknown fields pruned first and durations in the forms Istio accepts,
// through a fast path that fills the message directly and protojson
// whenever the fast path cannot be sure.
package istiospec

import (
	"encoding/json"
	"errors"
	"fmt"
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

	"github.com/meshlint/meshlint/internal/lazyre"
)

// kind is an API group and kind, without version.
type kind struct{ group, name string }

const (
	networkingGroup = "networking.istio.io"
	securityGroup   = "security.istio.io"
	telemetryGroup  = "telemetry.istio.io"
	extensionsGroup = "extensions.istio.io"
)

// specs maps each Istio kind to a constructor of its spec message.
// Every served version of a kind shares one message in istio.io/api.
var specs = map[kind]func() proto.Message{
	{networkingGroup, "VirtualService"}:      func() proto.Message { return &networking.VirtualService{} },
	{networkingGroup, "DestinationRule"}:     func() proto.Message { return &networking.DestinationRule{} },
	{networkingGroup, "Gateway"}:             func() proto.Message { return &networking.Gateway{} },
	{networkingGroup, "ServiceEntry"}:        func() proto.Message { return &networking.ServiceEntry{} },
	{networkingGroup, "Sidecar"}:             func() proto.Message { return &networking.Sidecar{} },
	{networkingGroup, "WorkloadEntry"}:       func() proto.Message { return &networking.WorkloadEntry{} },
	{networkingGroup, "WorkloadGroup"}:       func() proto.Message { return &networking.WorkloadGroup{} },
	{networkingGroup, "EnvoyFilter"}:         func() proto.Message { return &networking.EnvoyFilter{} },
	{networkingGroup, "ProxyConfig"}:         func() proto.Message { return &networkingbeta.ProxyConfig{} },
	{securityGroup, "AuthorizationPolicy"}:   func() proto.Message { return &security.AuthorizationPolicy{} },
	{securityGroup, "PeerAuthentication"}:    func() proto.Message { return &security.PeerAuthentication{} },
	{securityGroup, "RequestAuthentication"}: func() proto.Message { return &security.RequestAuthentication{} },
	{telemetryGroup, "Telemetry"}:            func() proto.Message { return &telemetry.Telemetry{} },
	{extensionsGroup, "WasmPlugin"}:          func() proto.Message { return &extensions.WasmPlugin{} },
	{extensionsGroup, "TrafficExtension"}:    func() proto.Message { return &extensions.TrafficExtension{} },
}

// Known reports whether group and kind name an Istio configuration kind.
func Known(group, kindName string) bool { _, ok := specs[kind{group, kindName}]; return ok }

// specDecoder is strict: fields the API type does not define are pruned
// beforehand (pruneUnknown), because protojson's DiscardUnknown would also
// drop unknown enum values silently, turning `mode: MUTAL` into the default.
var specDecoder = protojson.UnmarshalOptions{}

// Decode decodes spec, the spec field of an object of an Istio kind as
// plain values (nil when absent), into the kind's message. Fields the
// message does not define are ignored, so that specs written for a newer
// API version still decode; anything else that does not fit is an error,
// worded for users.
func Decode(group, kindName string, spec any) (proto.Message, error) {
	newSpec, ok := specs[kind{group, kindName}]
	if !ok {
		return nil, fmt.Errorf("%s.%s is not an Istio kind", kindName, group)
	}
	m := newSpec()
	if err := DecodeInto(m, spec); err != nil {
		return nil, err
	}
	return m, nil
}

// DecodeInto decodes v, plain values, into the empty message m the way
// Decode does: fields m does not define are ignored, anything else that
// does not fit is an error worded for users. It serves messages that are
// not the spec of a kind, such as the MeshConfig an IstioOperator holds.
func DecodeInto(m proto.Message, v any) error {
	if v == nil || fill(m, v) {
		return nil
	}
	proto.Reset(m) // the fast path gave up half-way: start again
	data, err := json.Marshal(pruneUnknown(v, m.ProtoReflect().Descriptor()))
	if err == nil {
		err = specDecoder.Unmarshal(data, m)
	}
	if err != nil {
		return errors.New(protoErrorNoise.ReplaceAllString(err.Error(), ""))
	}
	return nil
}

// fill is the fast path: the generated filler of m's type, or the
// reflective one for messages without.
func fill(m proto.Message, v any) bool {
	if ok, handled := fillTyped(m, v); handled {
		return ok
	}
	return fillMessage(m.ProtoReflect(), v)
}

// protoErrorNoise is what protojson adds to its errors that means nothing to
// a user: its package name and offsets into the JSON meshlint rendered.
// (protojson separates "proto:" with a space or a no-break space.)
var protoErrorNoise = lazyre.New(`^proto:[\s\x{a0}]*(\(line \d+:\d+\):[\s\x{a0}]*)?|[\s\x{a0}]*\(line \d+:\d+\)`)

// pruneUnknown returns v, a JSON-like value for message md, without the
// fields md does not define (at any depth), so that specs written for a
// newer API version still decode. Well-known types (Struct, Duration...)
// have their own JSON forms and are left alone.
func pruneUnknown(v any, md protoreflect.MessageDescriptor) any {
	if md.FullName() == "google.protobuf.Duration" {
		return durationSeconds(v)
	}
	obj, ok := v.(map[string]any)
	if !ok || WellKnown(md) {
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

package istiospec

import (
	"math"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// The generated fillers (fill_gen.go, written by internal/fillgen) set each
// message's Go struct directly: protobuf's reflection cost the graph build
// more than all its other work. They answer as fillMessage does, field by
// field; checkTypedFill, run by the decoding tests and FuzzDecode, checks it. The
// helpers below read one plain value as a field of each kind, accepting
// what scalar and fillValue accept; the kinds no Istio field has yet
// (int64, float, their wrappers, proto3 optional) have none, so a filler
// needing one does not compile until it is written beside these.

//go:generate go run ./internal/fillgen/cmd -o fill_gen.go

func boolOf(v any) (bool, bool)     { b, ok := v.(bool); return b, ok }
func stringOf(v any) (string, bool) { s, ok := v.(string); return s, ok }

func int32Of(v any) (int32, bool) {
	n, ok := v.(int64)
	return int32(n), ok && n >= math.MinInt32 && n <= math.MaxInt32
}

func uint32Of(v any) (uint32, bool) {
	n, ok := v.(int64)
	return uint32(n), ok && n >= 0 && n <= math.MaxUint32
}

func uint64Of(v any) (uint64, bool) {
	n, ok := v.(int64)
	return uint64(n), ok && n >= 0
}

func doubleOf(v any) (float64, bool) { return number(v) }

// enumOf reads an enum value by name (names is the enum's generated
// name → number map) or by number.
func enumOf(names map[string]int32, v any) (int32, bool) {
	switch v := v.(type) {
	case string:
		n, ok := names[v]
		return n, ok
	case int64:
		return int32(v), v >= math.MinInt32 && v <= math.MaxInt32
	}
	return 0, false
}

// reject gives up on a field the fillers leave to protojson (bytes, the
// rarer well-known types).
func reject[T any](any) (T, bool) { var zero T; return zero, false }

func durationOf(v any) (*durationpb.Duration, bool) {
	secs, nanos, ok := durationParts(durationSeconds(v))
	if !ok {
		return nil, false
	}
	return &durationpb.Duration{Seconds: secs, Nanos: nanos}, true
}

func structOf(v any) (*structpb.Struct, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	s, err := structpb.NewStruct(obj)
	if err != nil || !finiteNumbers(obj) {
		return nil, false
	}
	out := &structpb.Struct{} // merged as fillValue does: empty Structs inside hold no map
	proto.Merge(out, s)
	return out, true
}

func boolValueOf(v any) (*wrapperspb.BoolValue, bool) {
	b, ok := boolOf(v)
	return wrapperspb.Bool(b), ok
}

func uint32ValueOf(v any) (*wrapperspb.UInt32Value, bool) {
	n, ok := uint32Of(v)
	return wrapperspb.UInt32(n), ok
}

func int32ValueOf(v any) (*wrapperspb.Int32Value, bool) {
	n, ok := int32Of(v)
	return wrapperspb.Int32(n), ok
}

func doubleValueOf(v any) (*wrapperspb.DoubleValue, bool) {
	f, ok := doubleOf(v)
	return wrapperspb.Double(f), ok
}

// set sets *dst to v read by conv.
func set[T any](dst *T, v any, conv func(any) (T, bool)) bool {
	x, ok := conv(v)
	*dst = x
	return ok
}

// setList sets a repeated field; an empty list leaves it nil, as
// protobuf's reflection does.
func setList[T any](dst *[]T, v any, conv func(any) (T, bool)) bool {
	items, ok := v.([]any)
	if !ok {
		return false
	}
	if len(items) == 0 {
		return true
	}
	list := make([]T, len(items))
	for i, item := range items {
		if item == nil {
			return false
		}
		if list[i], ok = conv(item); !ok {
			return false
		}
	}
	*dst = list
	return true
}

// setMessages sets a repeated message field, the messages allocated
// together: one allocation instead of one per element.
func setMessages[T any](dst *[]*T, v any, fill func(*T, any) bool) bool {
	items, ok := v.([]any)
	if !ok {
		return false
	}
	if len(items) == 0 {
		return true
	}
	msgs := make([]T, len(items))
	list := make([]*T, len(items))
	for i, item := range items {
		if item == nil || !fill(&msgs[i], item) {
			return false
		}
		list[i] = &msgs[i]
	}
	*dst = list
	return true
}

// setMapOf sets a map field with string keys (an empty map too).
func setMapOf[T any](dst *map[string]T, v any, conv func(any) (T, bool)) bool {
	entries, ok := v.(map[string]any)
	if !ok {
		return false
	}
	mp := make(map[string]T, len(entries))
	for k, e := range entries {
		if e == nil {
			return false
		}
		x, ok := conv(e)
		if !ok {
			return false
		}
		mp[k] = x
	}
	*dst = mp
	return true
}

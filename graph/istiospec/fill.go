package istiospec

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/structpb"
)

// Decoding a spec through protojson means rendering the YAML values as JSON
// and parsing that JSON again: about a tenth of the time of a large lint.
// fillMessage sets the message directly from the values instead, for the
// shapes that are unambiguous. It is a fast path only: whenever a value is
// anything but plainly valid (a wrong type, an unknown enum name, a field
// set twice, a well-known type it does not know) it gives up, and the
// caller decodes through protojson, whose result and error messages stay
// authoritative. TestFillMessageAgreesWithProtojson and FuzzDecode check that
// both decoders agree whenever the fast path succeeds.

// fillMessage sets m's fields from obj, a JSON-like object, skipping fields
// m does not define (as pruneUnknown does). ok is false when the value
// needs protojson.
func fillMessage(m protoreflect.Message, v any) bool {
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	fields := m.Descriptor().Fields()
	var seen, seenOneofs []int // field numbers, oneof indexes: few per message
	for k, val := range obj {
		fd := fields.ByJSONName(k)
		if fd == nil {
			fd = fields.ByName(protoreflect.Name(k))
		}
		if fd == nil {
			continue // unknown: pruned
		}
		if slices.Contains(seen, int(fd.Number())) {
			return false // by JSON name and by proto name: an error
		}
		seen = append(seen, int(fd.Number()))
		if val == nil {
			if WellKnown(fd.Message()) || fd.Enum() != nil && fd.Enum().FullName() == "google.protobuf.NullValue" {
				return false // null means something for some of them
			}
			continue // null leaves a field unset
		}
		if od := fd.ContainingOneof(); od != nil && !fd.IsList() && !fd.IsMap() {
			if slices.Contains(seenOneofs, od.Index()) {
				return false // two members of a oneof: an error
			}
			seenOneofs = append(seenOneofs, od.Index())
		}
		if !setField(m, fd, val) {
			return false
		}
	}
	return true
}

func setField(m protoreflect.Message, fd protoreflect.FieldDescriptor, v any) bool {
	switch {
	case fd.IsMap():
		return setMap(m.Mutable(fd).Map(), fd, v)
	case fd.IsList():
		items, ok := v.([]any)
		if !ok {
			return false
		}
		list := m.Mutable(fd).List()
		for _, item := range items {
			if item == nil {
				return false
			}
			if fd.Message() != nil {
				e := list.NewElement()
				if !fillValue(e.Message(), item) {
					return false
				}
				list.Append(e)
				continue
			}
			s, ok := scalar(fd, item)
			if !ok {
				return false
			}
			list.Append(s)
		}
		return true
	case fd.Message() != nil:
		return fillValue(m.Mutable(fd).Message(), v)
	}
	s, ok := scalar(fd, v)
	if ok {
		m.Set(fd, s)
	}
	return ok
}

func setMap(mp protoreflect.Map, fd protoreflect.FieldDescriptor, v any) bool {
	obj, ok := v.(map[string]any)
	if !ok || fd.MapKey().Kind() != protoreflect.StringKind {
		return false
	}
	val := fd.MapValue()
	for k, e := range obj {
		if e == nil {
			return false
		}
		key := protoreflect.ValueOfString(k).MapKey()
		if val.Message() != nil {
			ev := mp.NewValue()
			if !fillValue(ev.Message(), e) {
				return false
			}
			mp.Set(key, ev)
			continue
		}
		s, ok := scalar(val, e)
		if !ok {
			return false
		}
		mp.Set(key, s)
	}
	return true
}

// fillValue fills a message field: a plain message, or one of the
// well-known types specs use (Duration, Struct, wrappers).
func fillValue(m protoreflect.Message, v any) bool {
	md := m.Descriptor()
	switch md.FullName() {
	case "google.protobuf.Duration":
		return setDuration(m, durationSeconds(v))
	case "google.protobuf.Struct":
		obj, ok := v.(map[string]any)
		if !ok {
			return false
		}
		s, err := structpb.NewStruct(obj)
		if err != nil || !finiteNumbers(obj) {
			return false
		}
		proto.Merge(m.Interface(), s)
		return true
	case "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.UInt32Value",
		"google.protobuf.Int32Value", "google.protobuf.DoubleValue", "google.protobuf.FloatValue":
		fd := md.Fields().ByName("value")
		s, ok := scalar(fd, v)
		if ok {
			m.Set(fd, s)
		}
		return ok
	}
	if WellKnown(md) {
		return false
	}
	return fillMessage(m, v)
}

// WellKnown reports whether md is a google.protobuf type, whose JSON form
// is not that of a message.
func WellKnown(md protoreflect.MessageDescriptor) bool {
	return md != nil && md.FullName().Parent() == "google.protobuf"
}

// finiteNumbers reports whether a JSON-like value holds no NaN or
// infinity, which JSON cannot carry (protojson's path fails on them).
func finiteNumbers(v any) bool {
	switch v := v.(type) {
	case float64:
		return !math.IsNaN(v) && !math.IsInf(v, 0)
	case map[string]any:
		for _, e := range v {
			if !finiteNumbers(e) {
				return false
			}
		}
	case []any:
		for _, e := range v {
			if !finiteNumbers(e) {
				return false
			}
		}
	}
	return true
}

// maxDurationSeconds is protobuf's limit, about 10,000 years.
const maxDurationSeconds = 315_576_000_000

func setDuration(m protoreflect.Message, v any) bool {
	secs, nanos, ok := durationParts(v)
	if ok {
		fields := m.Descriptor().Fields()
		m.Set(fields.ByName("seconds"), protoreflect.ValueOfInt64(secs))
		m.Set(fields.ByName("nanos"), protoreflect.ValueOfInt32(nanos))
	}
	return ok
}

// durationParts reads a duration in the JSON form protojson accepts:
// seconds without leading zeros, up to nine decimals, and an "s", as in
// ^(-?)(0|[1-9]\d*)(?:\.(\d{1,9}))?s$ (its rarer forms, "+1s", ".5s",
// "1.s", are left to protojson). Read by hand: a regular expression
// was most of the cost of a Duration field.
func durationParts(v any) (secs int64, nanos int32, ok bool) {
	s, _ := v.(string)
	s, ok = strings.CutSuffix(s, "s")
	if !ok {
		return 0, 0, false
	}
	neg := strings.HasPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	switch {
	case !digits(whole) || len(whole) > 1 && whole[0] == '0':
		return 0, 0, false
	case hasFrac && (!digits(frac) || len(frac) > 9):
		return 0, 0, false
	}
	secs, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || secs > maxDurationSeconds {
		return 0, 0, false
	}
	var n int64
	if frac != "" {
		n, _ = strconv.ParseInt(frac, 10, 64)
		for i := len(frac); i < 9; i++ {
			n *= 10
		}
	}
	if neg {
		secs, n = -secs, -n
	}
	return secs, int32(n), true
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// scalar converts a YAML value to a field's scalar kind, accepting only
// what protojson accepts from the same value rendered as JSON, minus the
// rarer forms (numbers in strings, bytes): those go through protojson.
func scalar(fd protoreflect.FieldDescriptor, v any) (protoreflect.Value, bool) {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		b, ok := v.(bool)
		return protoreflect.ValueOfBool(b), ok
	case protoreflect.StringKind:
		s, ok := v.(string)
		return protoreflect.ValueOfString(s), ok
	case protoreflect.EnumKind:
		return enumValue(fd, v)
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		n, ok := v.(int64)
		return protoreflect.ValueOfInt32(int32(n)), ok && n >= math.MinInt32 && n <= math.MaxInt32
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		n, ok := v.(int64)
		return protoreflect.ValueOfInt64(n), ok
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		n, ok := v.(int64)
		return protoreflect.ValueOfUint32(uint32(n)), ok && n >= 0 && n <= math.MaxUint32
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		n, ok := v.(int64)
		return protoreflect.ValueOfUint64(uint64(n)), ok && n >= 0
	case protoreflect.DoubleKind, protoreflect.FloatKind:
		f, ok := number(v)
		if fd.Kind() == protoreflect.FloatKind {
			return protoreflect.ValueOfFloat32(float32(f)), ok && math.Abs(f) <= math.MaxFloat32
		}
		return protoreflect.ValueOfFloat64(f), ok
	}
	return protoreflect.Value{}, false
}

// number reads a finite number; integers beyond 2^53 are left to
// protojson, which reads their decimal text exactly.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), v >= -1<<53 && v <= 1<<53
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return 0, false
}

func enumValue(fd protoreflect.FieldDescriptor, v any) (protoreflect.Value, bool) {
	switch v := v.(type) {
	case string:
		ev := fd.Enum().Values().ByName(protoreflect.Name(v))
		if ev == nil {
			return protoreflect.Value{}, false
		}
		return protoreflect.ValueOfEnum(ev.Number()), true
	case int64:
		return protoreflect.ValueOfEnum(protoreflect.EnumNumber(v)), v >= math.MinInt32 && v <= math.MaxInt32
	}
	return protoreflect.Value{}, false
}

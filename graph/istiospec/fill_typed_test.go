package istiospec

import (
	"bytes"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/meshlint/meshlint/graph/istiospec/internal/fillgen"
	"github.com/meshlint/meshlint/internal/mutate"
)

// checkTypedFill fails when the generated filler and the reflective one
// disagree on raw: one gives up and the other does not, or they fill
// different Go values (nil and empty told apart, which proto.Equal does not).
func checkTypedFill(t testing.TB, what string, newSpec func() proto.Message, raw any) {
	typed, reflective := newSpec(), newSpec()
	ok, handled := fillTyped(typed, raw)
	if !handled {
		t.Fatalf("%s: no generated filler for %T", what, typed)
	}
	if want := fillMessage(reflective.ProtoReflect(), raw); ok != want {
		t.Fatalf("%s: the generated filler answers %v, the reflective one %v: %v", what, ok, want, raw)
	}
	if ok && !sameGoValue(reflect.ValueOf(typed), reflect.ValueOf(reflective)) {
		t.Fatalf("%s: the generated filler fills\n%v\nthe reflective one\n%v", what, typed, reflective)
	}
}

// sameGoValue compares the exported fields of two messages as Go values.
func sameGoValue(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() || a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameGoValue(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() && !sameGoValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.Kind() == reflect.Map {
			for _, k := range a.MapKeys() {
				if !b.MapIndex(k).IsValid() || !sameGoValue(a.MapIndex(k), b.MapIndex(k)) {
					return false
				}
			}
			return true
		}
		for i := range a.Len() {
			if !sameGoValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float() || a.Float() != a.Float() && b.Float() != b.Float()
	}
	return a.Interface() == b.Interface()
}

// protoVariants returns copies of v with a change protobuf's names make
// possible: a field also written by its proto name (an error), a field
// written by its proto name alone, a second member of a oneof.
func protoVariants(v any, md protoreflect.MessageDescriptor, rng *rand.Rand) []any {
	var places []func(root any) any
	collectProtoPlaces(v, md, nil, &places)
	var out []any
	for range min(len(places), 8) {
		c := mutate.DeepCopy(v)
		out = append(out, places[rng.IntN(len(places))](c))
	}
	return out
}

// collectProtoPlaces lists the changes possible in v at path (map keys).
func collectProtoPlaces(v any, md protoreflect.MessageDescriptor, path []string, places *[]func(any) any) {
	obj, ok := v.(map[string]any)
	if !ok || md == nil || WellKnown(md) {
		return
	}
	at := func(root any) map[string]any {
		for _, k := range path {
			root = root.(map[string]any)[k]
		}
		return root.(map[string]any)
	}
	fields := md.Fields()
	for k, val := range obj {
		fd := fields.ByJSONName(k)
		if fd == nil {
			continue
		}
		if name := string(fd.Name()); name != k {
			*places = append(*places,
				func(root any) any { at(root)[name] = val; return root },
				func(root any) any { m := at(root); delete(m, k); m[name] = val; return root })
		}
		if od := fd.ContainingOneof(); od != nil && od.Fields().Len() > 1 {
			other := od.Fields().Get(0)
			if other == fd {
				other = od.Fields().Get(1)
			}
			*places = append(*places, func(root any) any { at(root)[other.JSONName()] = val; return root })
		}
		if fd.Message() != nil && !fd.IsList() && !fd.IsMap() {
			collectProtoPlaces(val, fd.Message(), append(path[:len(path):len(path)], k), places)
		}
	}
}

// TestTypedFillOnProtoNames runs the generated and reflective fillers on
// the fixtures' specs changed where protobuf's naming matters.
func TestTypedFillOnProtoNames(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 0
	for _, file := range fixtureFiles(t) {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, spec := range specsIn(file, content) {
			md := spec.newSpec().ProtoReflect().Descriptor()
			for _, v := range protoVariants(spec.raw, md, rng) {
				checkTypedFill(t, spec.what, spec.newSpec, v)
				checkFastDecode(t, spec.what, spec.newSpec, v)
				n++
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d variants", n)
	}
}

// TestTypedFillersCoverEveryKind: every kind's spec has a generated filler.
func TestTypedFillersCoverEveryKind(t *testing.T) {
	for k, newSpec := range specs {
		if _, handled := fillTyped(newSpec(), map[string]any{}); !handled {
			t.Errorf("%s.%s: no generated filler; add it to fillgen.Roots", k.name, k.group)
		}
	}
}

// TestFillGenUpToDate: fill_gen.go is what fillgen writes for the
// istio.io/api in go.mod (run go generate ./graph/istiospec after updating it).
func TestFillGenUpToDate(t *testing.T) {
	want, err := fillgen.Generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("fill_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("fill_gen.go is out of date: run go generate ./graph/istiospec")
	}
}

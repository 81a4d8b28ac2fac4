package schemas

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"testing"

	"cel.dev/cel-go/cel"
	"google.golang.org/protobuf/proto"
)

// data is the JSON the bundle is generated from, as the tests read it.
var data = os.DirFS(".").(fs.ReadFileFS)

// TestBundleUpToDate regenerates the bundle from data/ and requires the
// committed bundle.bin to be the same bytes.
func TestBundleUpToDate(t *testing.T) {
	want, err := BuildBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(bundleData), want) {
		t.Errorf("bundle.bin (%d bytes) is not what data/ generates (%d bytes): run `go generate ./schemas`", len(bundleData), len(want))
	}
}

// TestBundleAsJSON checks that every entry read from the bundle equals
// its JSON file decoded by encoding/json, and that there is no other.
func TestBundleAsJSON(t *testing.T) {
	names, err := fs.Glob(data, "data/*/*/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no JSON schemas (%v)", err)
	}
	reg := NewRegistry()
	for _, name := range names {
		raw, err := data.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := decodeEntryJSON(raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok, err := reg.Lookup(want.GVK)
		if err != nil || !ok {
			t.Errorf("%s: Lookup = %v, %v", name, ok, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the bundle's entry differs from the JSON's", name)
		}
	}
	b, err := embeddedBundle()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.entries) != len(names) {
		t.Errorf("the bundle has %d entries, data/ %d files", len(b.entries), len(names))
	}
}

// TestBundleMalformed: a damaged bundle is an error, never a panic.
func TestBundleMalformed(t *testing.T) {
	good := []byte(bundleData)
	for _, cut := range []int{0, 10, len(bundleMagic) + 12, len(good) / 2, len(good) - 1} {
		b, err := openBundle(string(good[:cut]))
		if err != nil {
			continue
		}
		for _, e := range b.entries {
			b.schema(e.root) //nolint: errcheck // only must not panic
		}
	}
	bad := bytes.Clone(good)
	for i := len(bundleMagic) + 12; i < len(bad); i += 97 {
		bad[i] ^= 0x5a
	}
	if b, err := openBundle(string(bad)); err == nil {
		for _, e := range b.entries {
			b.schema(e.root) //nolint: errcheck // only must not panic
		}
	}
}

// BenchmarkEmbeddedDeployment is what a process pays the first time it
// looks up a Deployment: the bundle's index and the schema, against
// encoding/json decoding the same entry from its JSON.
func BenchmarkEmbeddedDeployment(b *testing.B) {
	g := GVK{Group: "apps", Version: "v1", Kind: "Deployment"}
	b.Run("bundle", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bun, err := openBundle(bundleData)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := bun.schema(bun.entries[g].root); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		raw, err := data.ReadFile(EmbeddedPath(g))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeEntryJSON(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestBundleParsedCEL: every CEL expression of the embedded schemas is in
// the bundle parsed exactly as cel-go parses it, and compiles to the same
// checked expression (or error) from there as from its text.
func TestBundleParsedCEL(t *testing.T) {
	b, err := embeddedBundle()
	if err != nil {
		t.Fatal(err)
	}
	env, err := celBaseEnv()
	if err != nil {
		t.Fatal(err)
	}
	reg := NewRegistry()
	n := 0
	for g := range b.entries {
		e, _, err := reg.Lookup(g)
		if err != nil {
			t.Fatal(err)
		}
		forEachRule(e.Schema, func(s *Schema, src string) {
			n++
			ast, iss := env.Parse(src)
			if iss.Err() != nil {
				t.Errorf("%s: %q does not parse: %v", g, src, iss.Err())
				return
			}
			want, _ := cel.AstToParsedExpr(ast)
			got, ok := parsedCEL(src)
			if !ok {
				t.Errorf("%s: %q is not in the bundle", g, src)
				return
			}
			gotPE, _ := cel.AstToParsedExpr(got)
			if !proto.Equal(gotPE, want) {
				t.Errorf("%s: %q: the bundle's parse differs from cel-go's", g, src)
			}
			sameCompile(t, s, src)
		})
	}
	if n == 0 {
		t.Fatal("no CEL rules found in the embedded schemas")
	}
}

// sameCompile compiles src for a node of schema s from the bundle's parse
// and from its text, and requires the same checked expression or error.
func sameCompile(t *testing.T, s *Schema, src string) {
	t.Helper()
	env, err := celEnvFor(celType(s))
	if err != nil {
		t.Fatal(err)
	}
	got, iss1 := compileAST(env, src)
	want, iss2 := env.Compile(src)
	if iss1.Err() != nil || iss2.Err() != nil {
		if fmt.Sprint(iss1.Err()) != fmt.Sprint(iss2.Err()) {
			t.Errorf("%q: error %v from the bundle, %v from the text", src, iss1.Err(), iss2.Err())
		}
		return
	}
	g, _ := cel.AstToCheckedExpr(got)
	w, _ := cel.AstToCheckedExpr(want)
	if !proto.Equal(g, w) {
		t.Errorf("%q: checked expressions differ", src)
	}
}

// forEachRule calls f with every rule and message expression of s and
// the schemas below it, and the node each sits on.
func forEachRule(s *Schema, f func(*Schema, string)) {
	if s == nil {
		return
	}
	for _, r := range s.Validations {
		f(s, r.Rule)
		if r.MessageExpression != "" {
			f(s, r.MessageExpression)
		}
	}
	for _, p := range s.Properties {
		forEachRule(p, f)
	}
	for _, list := range [][]*Schema{s.AllOf, s.AnyOf, s.OneOf} {
		for _, sub := range list {
			forEachRule(sub, f)
		}
	}
	if s.AdditionalProperties != nil {
		forEachRule(s.AdditionalProperties.Schema, f)
	}
	forEachRule(s.Items, f)
	forEachRule(s.Not, f)
}

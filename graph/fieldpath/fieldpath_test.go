package fieldpath

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	key := func(k string) Segment { return Segment{Key: k} }
	idx := func(i int) Segment { return Segment{Index: i, IsIndex: true} }
	tests := []struct {
		path string
		want []Segment
		err  string
	}{
		{"", nil, ""},
		{"spec", []Segment{key("spec")}, ""},
		{"spec.http[0].route[1].destination.subset", []Segment{key("spec"), key("http"), idx(0), key("route"), idx(1), key("destination"), key("subset")}, ""},
		{`metadata.annotations["networking.istio.io/exportTo"]`, []Segment{key("metadata"), key("annotations"), key("networking.istio.io/exportTo")}, ""},
		{`["a.b"].c`, []Segment{key("a.b"), key("c")}, ""},
		{`a["x]y"][2]`, []Segment{key("a"), key("x]y"), idx(2)}, ""},
		{`a["q\"uote"]`, []Segment{key("a"), key(`q"uote`)}, ""},
		{"items[10]", []Segment{key("items"), idx(10)}, ""},
		{"a[0][1]", []Segment{key("a"), idx(0), idx(1)}, ""},
		{"a[", nil, "missing ]"},
		{"a[1", nil, "missing ]"},
		{"a[x]", nil, "bad index"},
		{"a[-1]", nil, "bad index"},
		{"a[]", nil, "bad index"},
		{`a["x`, nil, "field path"},
		{`a["x"`, nil, "missing ]"},
		{`a["x"y]`, nil, "missing ]"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.path)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), strconv.Quote(tt.path)) {
				t.Errorf("Parse(%q) error %v; want one containing %q and the path", tt.path, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tt.path, got, err, tt.want)
		}
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{Join("metadata", "annotations", "networking.istio.io/exportTo"), `metadata.annotations["networking.istio.io/exportTo"]`},
		{Join("", "spec", "hosts"), "spec.hosts"},
		{Join("spec", "a b"), `spec["a b"]`},
		{Join("spec", ""), `spec[""]`},
		{Join("spec", `x"y`), `spec["x\"y"]`},
		{Join("", "a.b"), `["a.b"]`},
		{Index("spec.http", 2), "spec.http[2]"},
		{Index(Index("spec.http", 0)+".route", 1) + ".destination", "spec.http[0].route[1].destination"},
		{Key("plain"), ".plain"},
		{Key("with[bracket"), `["with[bracket"]`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s; want %s", tt.got, tt.want)
		}
	}
	// What Join writes, Parse reads back.
	for _, k := range []string{"plain", "a.b/c", "x]y", `q"u`, "sp ace", ""} {
		segs, err := Parse(Join("metadata", k))
		if err != nil || len(segs) != 2 || segs[1].Key != k {
			t.Errorf("round trip of %q: %+v, %v", k, segs, err)
		}
	}
}

// TestJoinAsKeys: Join is the base followed by each key as Key renders it.
func TestJoinAsKeys(t *testing.T) {
	keys := []string{"spec", "a.b/c", "", "x y", `q"`, "[0]", "metadata", "annotations"}
	for _, base := range []string{"", "spec", "spec.http[0]"} {
		for i := range keys {
			for j := i; j <= len(keys); j++ {
				want := base
				for _, k := range keys[i:j] {
					want += Key(k)
				}
				want = strings.TrimPrefix(want, ".")
				if got := Join(base, keys[i:j]...); got != want {
					t.Errorf("Join(%q, %q) = %q, want %q", base, keys[i:j], got, want)
				}
			}
		}
	}
}

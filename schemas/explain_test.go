package schemas

import (
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestFormatsAgreeWithLibrary: meshlint's ipv4 and ipv6 checks accept what
// the library's do, odd forms included.
func TestFormatsAgreeWithLibrary(t *testing.T) {
	values := []any{
		"1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "00.1.2.3", "+1.2.3.4", "-0.1.2.3",
		"1.2.3", "1.2.3.4.5", "1.2.3.", " 1.2.3.4", "1.2.3.4 ", "a.b.c.d", "", "::", "::1", "fe80::1",
		"fe80::1%eth0", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "12345::", "[::1]", "1.2.3.4:80",
		"١.٢.٣.٤", int64(4), 1.5, nil, true, []any{"1.2.3.4"},
	}
	for _, name := range []string{"ipv4", "ipv6"} {
		for _, v := range values {
			if got, want := checkedFormats[name](v), jsonschema.Formats[name](v); got != want {
				t.Errorf("%s(%#v) = %v, the library says %v", name, v, got, want)
			}
		}
	}
}

// FuzzFormats compares the ipv4 and ipv6 checks with the library's.
func FuzzFormats(f *testing.F) {
	for _, s := range []string{"1.2.3.4", "::1", "01.2.3.4", "+1.2.3.4", "fe80::1%eth0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, name := range []string{"ipv4", "ipv6"} {
			if got, want := checkedFormats[name](s), jsonschema.Formats[name](s); got != want {
				t.Errorf("%s(%q) = %v, the library says %v", name, s, got, want)
			}
		}
	})
}

// TestCheckSchemaAgreesWithLibrary: a converted schema checkSchema finds
// fault with is one the library refuses to compile, and the other way
// round.
func TestCheckSchemaAgreesWithLibrary(t *testing.T) {
	neg, one := int64(-1), int64(1)
	tests := []struct {
		name   string
		schema *Schema
		bad    bool
	}{
		{"valid", &Schema{Type: "string", Pattern: "^a+$", MinLength: &one, Enum: []any{"a", "aa"}}, false},
		{"pattern", &Schema{Type: "string", Pattern: "^(?=a)"}, true},
		{"repeat count over 1000", &Schema{Type: "string", Pattern: `a{1001}`}, true},
		{"unknown type", &Schema{Type: "text"}, true},
		{"duplicate required", &Schema{Type: "object", Properties: map[string]*Schema{"a": {}}, Required: []string{"a", "a"}}, true},
		{"duplicate enum", &Schema{Type: "number", Enum: []any{1.0, int64(1)}}, true},
		{"nullable enum with null", &Schema{Type: "string", Nullable: true, Enum: []any{"a", nil}}, true},
		{"duplicate types", &Schema{AnyOf: []*Schema{{Type: "string"}, {Type: "string"}}}, true},
		{"negative length", &Schema{Type: "string", MaxLength: &neg}, true},
		{"deep", &Schema{Type: "object", Properties: map[string]*Schema{"a/b": {Type: "array", Items: &Schema{AllOf: []*Schema{{Pattern: "("}}}}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := &Schema{Type: "object", Properties: map[string]*Schema{"spec": tt.schema}}
			e := &Entry{GVK: GVK{"example.com", "v1", "Widget"}, Schema: root}
			err := checkSchema(e)
			_, libErr := compileDocuments(e)
			if (err != nil) != tt.bad || (libErr != nil) != tt.bad {
				t.Errorf("checkSchema: %v; library: %v; want an error: %v", err, libErr, tt.bad)
			}
			c, err := compileEntry(e)
			if err == nil { // the error waits for an object the check rejects
				_, err = c.validate(map[string]any{"spec": int64(5)})
			}
			if (err != nil) != tt.bad {
				t.Errorf("validating a rejected object: error %v, want one: %v", err, tt.bad)
			}
		})
	}
}

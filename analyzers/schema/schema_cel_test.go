package schema

import (
	"testing"

	"github.com/meshlint/meshlint/schemas"
)

func TestCELFinding(t *testing.T) {
	for _, tt := range []struct {
		v    schemas.CELViolation
		want string
	}{
		{schemas.CELViolation{Path: "spec.a", Type: "string", Value: "10x", HasValue: true, Message: "bad"}, `spec.a: Invalid value: "10x": bad`},
		{schemas.CELViolation{Path: "spec.a", Type: "string", Message: "bad"}, `spec.a: bad`},
		{schemas.CELViolation{Path: "spec.a", Type: "object", Reason: "FieldValueRequired", Message: "a is required"}, `spec.a: Required value: a is required`},
		{schemas.CELViolation{Path: "spec.a", Reason: "FieldValueForbidden", Message: "no a here"}, `spec.a: Forbidden: no a here`},
		{schemas.CELViolation{Path: "spec.l", Type: "array", Value: []any{"a", "a"}, HasValue: true, Reason: "FieldValueDuplicate", Message: "dup"}, `spec.l: Invalid value: ["a", "a"]: dup`},
		{schemas.CELViolation{Type: "object", Value: map[string]any{"a": nil}, HasValue: true, Message: "at the root"}, `Invalid value: {"a": null}: at the root`},
	} {
		if got := celFinding(tt.v); got != tt.want {
			t.Errorf("celFinding(%+v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

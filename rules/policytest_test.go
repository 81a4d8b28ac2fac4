package rules

import (
	"context"
	"testing"
)

// TestBuiltinPolicies runs the built-in policies' _test.rego files: a
// failing Rego test fails `make test`.
func TestBuiltinPolicies(t *testing.T) {
	rep, err := Test(context.Background(), TestOptions{BuiltIn: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) == 0 {
		t.Fatal("no Rego tests ran")
	}
	for _, r := range rep.Results {
		if r.Fail || r.Error != nil {
			t.Errorf("%s:%d: %s.%s failed: %v", r.Location.File, r.Location.Row, r.Package, r.Name, r.Error)
		}
	}
}

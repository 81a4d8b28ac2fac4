package catalog_test

import (
	"slices"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
)

// A retired ID stays reserved, and what users wrote about it keeps
// selecting the rule that took its check over.
func TestRetiredIDs(t *testing.T) {
	all := catalog.All()
	for old, now := range catalog.Retired {
		for _, r := range all {
			if r.ID == old {
				t.Errorf("retired ID %s is reused by %s", old, r.Name)
			}
		}
		found := analyzers.Lookup(all, old)
		if len(found) != 1 || found[0].ID != now {
			t.Errorf("Lookup(%s) = %v; want the rule %s that it was merged into", old, found, now)
			continue
		}
		if !slices.Contains(found[0].Retired, old) {
			t.Errorf("%s does not list %s in Retired", now, old)
		}
	}
	for _, r := range all {
		for _, old := range r.Retired {
			if _, ok := catalog.Retired[old]; !ok && analyzers.Lookup(all, old)[0] != r {
				t.Errorf("%s: retired key %q selects another rule", r.ID, old)
			}
		}
	}
}

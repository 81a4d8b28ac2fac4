package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
)

// ApplyTo carries the config keys that have no flag into opts: severities
// and externals. (Keys that have a flag are the front end's business:
// its flags win over them.) Errors name the file and the key.
func (f *File) ApplyTo(opts *Options) error {
	all := opts.Rules
	if all == nil {
		all = catalog.All()
	}
	for _, key := range severityKeyOrder(f.Rules.Severity) {
		sev, err := analyzers.ParseSeverity(f.Rules.Severity[key])
		if err != nil {
			return fmt.Errorf("%s: rules.severity.%s: %v", f.Path, key, err)
		}
		found := analyzers.Lookup(all, key)
		if len(found) == 0 {
			return fmt.Errorf("%s: rules.severity: no rule %q (see meshlint rules)", f.Path, key)
		}
		if opts.Severity == nil {
			opts.Severity = map[string]analyzers.Severity{}
		}
		for _, r := range found {
			opts.Severity[r.ID] = sev
		}
	}
	for _, gw := range f.Externals.Gateways {
		if !strings.Contains(gw, "/") {
			return fmt.Errorf("%s: externals.gateways: %q must be namespace/name", f.Path, gw)
		}
	}
	opts.Graph.Externals.Hosts = f.Externals.Hosts
	opts.Graph.Externals.Gateways = f.Externals.Gateways
	return nil
}

// severityKeyOrder applies istioctl codes first, then rule IDs and names,
// so that the more specific setting wins whatever the map order.
func severityKeyOrder(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ci, cj := isIstioCode(keys[i]), isIstioCode(keys[j])
		if ci != cj {
			return ci
		}
		return keys[i] < keys[j]
	})
	return keys
}

func isIstioCode(key string) bool {
	return len(key) == 7 && strings.HasPrefix(strings.ToUpper(key), "IST")
}

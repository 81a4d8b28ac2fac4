package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/lint"
)

// loadConfig reads --config, or the nearest .meshlint.yaml upward from the
// first path (or the working directory); nil when there is none.
func loadConfig(explicit string, paths []string) (*lint.File, error) {
	path := explicit
	if path == "" {
		start := "."
		if len(paths) > 0 && paths[0] != "-" {
			start = paths[0]
		}
		path = lint.FindConfig(start)
	}
	if path == "" {
		return nil, nil
	}
	return lint.ReadConfigFile(path)
}

// applyConfig fills flags the user did not set from the config file:
// command-line flags always win.
func applyConfig(fs *pflag.FlagSet, f *lintFlags, cf *lint.File) {
	if cf == nil {
		return
	}
	set := func(name string, dst *string, v string) {
		if v != "" && !fs.Changed(name) {
			*dst = v
		}
	}
	set("namespace", &f.namespace, cf.Namespace)
	set("cluster-domain", &f.clusterDomain, cf.ClusterDomain)
	set("fail-on", &f.failOn, cf.FailOn)
	if cf.MeshConfig != "" && !fs.Changed("mesh-config") {
		f.meshConfig = filepath.Join(cf.Dir(), cf.MeshConfig)
	}
	if cf.DefaultIngress != nil && !fs.Changed("no-default-ingress") {
		f.noDefaultIngress = !*cf.DefaultIngress
	}
	if !fs.Changed("enable") {
		f.enable = cf.Rules.Enable
	}
	if !fs.Changed("disable") {
		f.disable = append(f.disable, cf.Rules.Disable...)
	}
	if cf.StrictKinds && !fs.Changed("strict-kinds") {
		f.strictKinds = true
	}
	applyLimitConfig(fs, &f.limits, cf.Limits)
	for _, c := range cf.CRDs { // in addition to --crd: both add schemas
		if !filepath.IsAbs(c) {
			c = filepath.Join(cf.Dir(), c)
		}
		f.crds = append(f.crds, c)
	}
}

// applyFileSettings carries the config keys that have no flag into the
// engine configuration: severities, externals and limits.
func applyFileSettings(cfg *lint.Config, cf *lint.File) error {
	for _, key := range severityKeyOrder(cf.Rules.Severity) {
		value := cf.Rules.Severity[key]
		sev, err := analyzers.ParseSeverity(value)
		if err != nil {
			return fmt.Errorf("%s: rules.severity.%s: %v", cf.Path, key, err)
		}
		found := analyzers.Lookup(catalog.All(), key)
		if len(found) == 0 {
			return fmt.Errorf("%s: rules.severity: no rule %q (see meshlint rules)", cf.Path, key)
		}
		if cfg.Severity == nil {
			cfg.Severity = map[string]analyzers.Severity{}
		}
		for _, r := range found {
			cfg.Severity[r.ID] = sev
		}
	}
	cfg.Graph.Externals.Hosts = cf.Externals.Hosts
	for _, gw := range cf.Externals.Gateways {
		if !strings.Contains(gw, "/") {
			return fmt.Errorf("%s: externals.gateways: %q must be namespace/name", cf.Path, gw)
		}
	}
	cfg.Graph.Externals.Gateways = cf.Externals.Gateways
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

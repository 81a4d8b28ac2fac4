package main

import (
	"path/filepath"

	"github.com/spf13/pflag"

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
	if cf.ApplyOrder != nil {
		f.noApplyOrder = !*cf.ApplyOrder
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
	for _, p := range cf.Policies { // in addition to --policy
		if !filepath.IsAbs(p) {
			p = filepath.Join(cf.Dir(), p)
		}
		f.policies = append(f.policies, p)
	}
	for _, c := range cf.CRDs { // in addition to --crd: both add schemas
		if !filepath.IsAbs(c) {
			c = filepath.Join(cf.Dir(), c)
		}
		f.crds = append(f.crds, c)
	}
}

package main

import (
	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/lint"
)

// limitFlags are the flags of yamldoc.Limits and their config keys under
// `limits:`; flags win over the config.
var limitFlags = []struct {
	name, usage string
	field       func(*yamldoc.Limits) *int
	config      func(*lint.LimitsConfig) *int
}{
	{"max-file-size", "skip files larger than `BYTES` (a finding says so)",
		func(l *yamldoc.Limits) *int { return &l.MaxFileBytes }, func(c *lint.LimitsConfig) *int { return c.MaxFileBytes }},
	{"max-documents", "lint at most `N` YAML documents per file",
		func(l *yamldoc.Limits) *int { return &l.MaxDocuments }, func(c *lint.LimitsConfig) *int { return c.MaxDocuments }},
	{"max-nodes", "skip YAML documents of more than `N` nodes",
		func(l *yamldoc.Limits) *int { return &l.MaxNodes }, func(c *lint.LimitsConfig) *int { return c.MaxNodes }},
	{"max-depth", "skip YAML documents nested more than `N` levels deep",
		func(l *yamldoc.Limits) *int { return &l.MaxDepth }, func(c *lint.LimitsConfig) *int { return c.MaxDepth }},
	{"max-alias-expansion", "skip YAML documents whose aliases expand to more than `N` extra nodes",
		func(l *yamldoc.Limits) *int { return &l.MaxAliasExpanded }, func(c *lint.LimitsConfig) *int { return c.MaxAliasExpanded }},
}

// addLimitFlags registers the limit flags with the defaults, so that
// --help shows them.
func addLimitFlags(fs *pflag.FlagSet, l *yamldoc.Limits) {
	def := yamldoc.DefaultLimits
	for _, lf := range limitFlags {
		fs.IntVar(lf.field(l), lf.name, *lf.field(&def), lf.usage)
	}
}

// applyLimitConfig takes the config's limits for the flags the user did
// not set; lint.ReadConfigFile has checked that they are positive.
func applyLimitConfig(fs *pflag.FlagSet, l *yamldoc.Limits, c lint.LimitsConfig) {
	for _, lf := range limitFlags {
		if v := lf.config(&c); v != nil && !fs.Changed(lf.name) {
			*lf.field(l) = *v
		}
	}
}

// checkLimits refuses limits of zero or less: yamldoc.Limits would take them
// for "the default", silently ignoring what the user asked for.
func checkLimits(l *yamldoc.Limits) error {
	for _, lf := range limitFlags {
		if n := *lf.field(l); n <= 0 {
			return usagef("--%s: must be a positive number, not %d", lf.name, n)
		}
	}
	return nil
}

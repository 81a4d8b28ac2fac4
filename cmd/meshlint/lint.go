package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/report"
)

// lintFlags are the options of the lint command.
type lintFlags struct {
	format, output, namespace, failOn, clusterDomain, meshConfig, config string
	baseline, writeBaseline                                              string
	enable, disable, crds, only                                          []string
	noDefaultIngress, noColor, verbose, strictKinds                      bool
	limits                                                               yamldoc.Limits
}

func newLintFlagSet(f *lintFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("meshlint", pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by env.exit
	fs.SortFlags = false
	fs.StringVarP(&f.format, "format", "o", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fs.StringVar(&f.output, "output", "", "write the report to `FILE` instead of stdout, atomically (a failed run leaves no partial file)")
	fs.StringVarP(&f.namespace, "namespace", "n", "default", "namespace for documents without one")
	fs.StringVar(&f.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning, info or none")
	fs.StringVar(&f.clusterDomain, "cluster-domain", graph.DefaultClusterDomain, "Kubernetes cluster DNS domain used to expand short host names")
	fs.StringVar(&f.meshConfig, "mesh-config", "", "MeshConfig YAML (or the istio ConfigMap) to read instead of Istio's defaults")
	fs.StringVar(&f.config, "config", "", "config `FILE` (default: the nearest .meshlint.yaml upward from the first PATH)")
	fs.StringSliceVar(&f.enable, "enable", nil, "run only these rules (IDs, names or istioctl codes, comma-separated)")
	fs.StringSliceVar(&f.disable, "disable", nil, "do not run these rules (IDs, names or istioctl codes)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not recorded in the baseline `FILE`")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "record every current finding in the baseline `FILE`, atomically (they no longer fail the run)")
	fs.StringSliceVar(&f.only, "only", nil, "report only the findings in these `FILE`s or pointing at them (comma-separated or repeated); every PATH is still analyzed, and the files too")
	fs.StringSliceVar(&f.crds, "crd", nil, "validate custom resources with the CRDs in `FILE|DIR` (repeatable)")
	fs.BoolVar(&f.strictKinds, "strict-kinds", false, "report resources of kinds meshlint has no schema for (rule ML0105)")
	fs.BoolVar(&f.noDefaultIngress, "no-default-ingress", false, "do not assume Istio's default ingress gateway workload (istio-system, istio: ingressgateway)")
	fs.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "also print messages about the run itself (e.g. checks meshlint could not evaluate) to stderr")
	addLimitFlags(fs, &f.limits)
	return fs
}

func printLintUsage(w io.Writer) {
	fmt.Fprint(w, `meshlint lints Istio service-mesh manifests offline.

Usage:
  meshlint [flags] [PATH...]     lint files and directories (recursive: .yaml .yml .json);
                                 "-" reads stdin; no PATH lints the current directory
  meshlint rules [--format text|json|markdown]   list the rules
  meshlint explain ID|NAME       show one rule's documentation
  meshlint version               print the version

Flags:
`)
	fmt.Fprint(w, newLintFlagSet(&lintFlags{}).FlagUsages())
	fmt.Fprint(w, `
Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage error, unreadable input or internal error — the same in every format.
`)
}

func runLint(e *env) int {
	var f lintFlags
	fs := newLintFlagSet(&f)
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(e.args); err != nil {
		return e.exit(usagef("%v", err))
	}
	if *help {
		printLintUsage(e.stdout)
		return exitClean
	}
	base, err := readBaseline(&f)
	if err != nil {
		return e.exit(err)
	}
	rep, threshold, err := lintPaths(e, fs, &f, fs.Args())
	if err != nil {
		return e.exit(err)
	}
	stale, err := applyBaseline(&f, base, rep)
	if err != nil {
		return e.exit(err)
	}
	keepOnly(rep, f.only)
	if err := writeReport(e, &f, rep); err != nil {
		return e.exit(err)
	}
	if f.verbose {
		for _, d := range rep.Debug {
			fmt.Fprintf(e.stderr, "meshlint: debug: %s\n", d)
		}
	}
	printSummary(e.stderr, rep, stale)
	if rep.Fails(threshold) {
		return exitFindings
	}
	return exitClean
}

// lintPaths reads the config, validates the flags, reads the inputs and
// lints them.
func lintPaths(e *env, fs *pflag.FlagSet, f *lintFlags, paths []string) (*analyzers.Report, analyzers.Severity, error) {
	cf, err := loadConfig(f.config, paths)
	if err != nil {
		return nil, 0, err
	}
	applyConfig(fs, f, cf)
	threshold, err := parseFailOn(f.failOn)
	if err != nil {
		return nil, 0, err
	}
	if !validFormat(f.format) {
		return nil, 0, usagef("unknown format %q (want %s)", f.format, strings.Join(report.Formats(), ", "))
	}
	cfg, warnings, err := buildConfig(f, cf)
	if err != nil {
		return nil, 0, err
	}
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "meshlint: warning: --mesh-config: %s\n", w)
	}
	sources, err := readInputs(e, cf, paths, cfg.Graph.Limits.MaxFileBytes)
	if err != nil {
		return nil, 0, err
	}
	if sources, err = addOnlyFiles(sources, f.only, cf, cfg.Graph.Limits.MaxFileBytes); err != nil {
		return nil, 0, err
	}
	rep, err := lint.Lint(context.Background(), sources, cfg)
	if err != nil {
		return nil, 0, err
	}
	relativize(rep)
	return rep, threshold, nil
}

// readInputs reads the PATH arguments, or the config's `paths` when there
// are none, or the current directory; files matching `ignore` are dropped.
// No more of a file is read than --max-file-size lets through.
func readInputs(e *env, cf *lint.File, paths []string, maxBytes int) ([]source.Source, error) {
	if len(paths) == 0 && cf != nil && len(cf.Paths) > 0 {
		files, err := lint.ExpandConfigPaths(cf)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: paths match no manifest file", cf.Path)
		}
		paths = files
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	sources, err := source.ReadSourcesLimit(paths, e.stdin, maxBytes)
	if err != nil {
		return nil, err
	}
	kept := sources[:0]
	for _, s := range sources {
		if !lint.Ignored(cf, s.Path) {
			kept = append(kept, s)
		}
	}
	return kept, nil
}

func parseFailOn(s string) (analyzers.Severity, error) {
	if strings.EqualFold(s, "none") {
		return 0, nil
	}
	sev, err := analyzers.ParseSeverity(s)
	if err != nil {
		return 0, usagef("--fail-on: unknown severity %q (want error, warning, info or none)", s)
	}
	return sev, nil
}

func validFormat(format string) bool {
	for _, f := range report.Formats() {
		if f == format {
			return true
		}
	}
	return false
}

// buildConfig turns flags (already merged with the config file) into the
// engine's configuration.
func buildConfig(f *lintFlags, cf *lint.File) (cfg lint.Config, warnings []string, err error) {
	cfg = lint.DefaultConfig()
	if err := checkLimits(&f.limits); err != nil {
		return cfg, nil, err
	}
	cfg.Graph.Limits = f.limits
	cfg.Graph.DefaultNamespace = f.namespace
	cfg.Graph.ClusterDomain = f.clusterDomain
	cfg.Graph.AssumeDefaultIngress = !f.noDefaultIngress
	if f.meshConfig != "" {
		if cfg.Graph.Mesh, warnings, err = readMeshConfig(f.meshConfig); err != nil {
			return cfg, nil, err
		}
	}
	rules, err := selectRules(catalog.All(), f.enable, f.disable, f.strictKinds)
	if err != nil {
		return cfg, nil, err
	}
	cfg.Rules = rules
	if len(f.crds) > 0 {
		if cfg.Schemas, err = lint.CRDRegistry(f.crds); err != nil {
			return cfg, nil, err
		}
	}
	if cf != nil {
		if err := applyFileSettings(&cfg, cf); err != nil {
			return cfg, nil, err
		}
	}
	return cfg, warnings, nil
}

// readMeshConfig reads --mesh-config, and warns of the keys MeshConfig
// does not define.
func readMeshConfig(path string) (graph.MeshConfig, []string, error) {
	data, err := source.ReadFile(path)
	if err != nil {
		return graph.MeshConfig{}, nil, fmt.Errorf("--mesh-config: %v", err)
	}
	src := source.Source{Path: path, Content: data}
	mc, err := graph.ParseMeshConfig(src)
	if err != nil {
		return mc, nil, fmt.Errorf("--mesh-config: %v", err)
	}
	return mc, lint.MeshConfigWarnings(src), nil
}

// selectRules applies --enable (only these), --strict-kinds (also
// kind-without-schema) and --disable (not these).
func selectRules(all []*analyzers.Rule, enable, disable []string, strictKinds bool) ([]*analyzers.Rule, error) {
	pick := func(keys []string, flag string) (map[*analyzers.Rule]bool, error) {
		set := map[*analyzers.Rule]bool{}
		for _, k := range keys {
			found := analyzers.Lookup(all, strings.TrimSpace(k))
			if len(found) == 0 {
				return nil, usagef("%s: no rule %q (see meshlint rules)", flag, k)
			}
			for _, r := range found {
				set[r] = true
			}
		}
		return set, nil
	}
	on, err := pick(enable, "--enable")
	if err != nil {
		return nil, err
	}
	off, err := pick(disable, "--disable")
	if err != nil {
		return nil, err
	}
	var out []*analyzers.Rule
	for _, r := range all {
		enabled := on[r] || (len(on) == 0 && !r.NonDefault) || (strictKinds && r == schema.KindWithoutSchema)
		if enabled && !off[r] {
			out = append(out, r)
		}
	}
	return out, nil
}

// relativize rewrites file names relative to the working directory, as
// the output contract requires, when they lie below it.
func relativize(rep *analyzers.Report) {
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	rel := func(loc *graph.Location) {
		if filepath.IsAbs(loc.File) {
			if r, err := filepath.Rel(wd, loc.File); err == nil && !strings.HasPrefix(r, "..") {
				loc.File = r
			}
		}
		loc.File = filepath.ToSlash(loc.File)
	}
	for _, f := range rep.Findings {
		rel(&f.Location)
		for i := range f.Related {
			rel(&f.Related[i].Location)
		}
	}
}

func printSummary(w io.Writer, rep *analyzers.Report, stale int) {
	s := rep.Summary
	fmt.Fprintf(w, "meshlint: %s, %s: %s, %s, %s",
		count(s.Files, "file"), count(s.Resources, "resource"),
		count(s.Errors, "error"), count(s.Warnings, "warning"), count(s.Infos, "info"))
	if s.Suppressed > 0 {
		fmt.Fprintf(w, " (%d in the baseline)", s.Suppressed)
	}
	if s.NotObjects > 0 {
		fmt.Fprintf(w, "; %s skipped, not Kubernetes objects (-v lists them)", count(s.NotObjects, "document"))
	}
	fmt.Fprintln(w)
	if stale > 0 {
		fmt.Fprintf(w, "meshlint: %s in the baseline no longer found (fixed?); --write-baseline updates it\n", count(stale, "finding"))
	}
}

func count(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

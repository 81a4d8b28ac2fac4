package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/report"
	"github.com/meshlint/meshlint/rules"
)

// lintFlags are the options of the lint command.
type lintFlags struct {
	format, output, namespace, failOn, clusterDomain, meshConfig, config string
	baseline, writeBaseline, markdownLinkBase                            string
	enable, disable, crds, only, outFormats, kustomize                   []string
	stdinName                                                            string
	policies, policyNamespaces                                           []string
	policyTimeout                                                        time.Duration
	noDefaultIngress, noColor, verbose, strictKinds                      bool
	fix, dryRun                                                          bool
	noInlineSuppressions                                                 bool
	limits                                                               yamldoc.Limits
	// noApplyOrder is the config's applyOrder: false (no flag).
	noApplyOrder bool
	// preCommit, newFromRev and newFromMergeBase: see precommit.go and
	// newfromrev.go.
	preCommit                    bool
	newFromRev, newFromMergeBase string
	// profile: hidden flags; timings: filled when verbose.
	profile profileFlags
	timings lint.Timings
}

func newLintFlagSet(f *lintFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("meshlint", pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by env.exit
	fs.SortFlags = false
	fs.StringVarP(&f.format, "format", "o", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fs.StringVar(&f.output, "output", "", "write the report to `FILE` instead of stdout, atomically (a failed run leaves no partial file)")
	fs.StringVar(&f.markdownLinkBase, "markdown-link-base", "", "`URL` the markdown format's links start with, e.g. https://github.com/ORG/REPO/blob/SHA/ (default: the commit's files when run in GitHub Actions or GitLab CI, else relative links)")
	fs.StringSliceVar(&f.outFormats, "out-format", nil, "write several reports in one run, each `FORMAT[:FILE]` (comma-separated or repeated): without FILE, or with FILE \"stdout\", to stdout (one at most); files are written atomically. E.g. text,sarif:meshlint.sarif. Replaces --format and --output")
	fs.StringVarP(&f.namespace, "namespace", "n", "default", "namespace for documents without one (the config's namespaces key gives paths their own)")
	fs.StringVar(&f.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning, info or none")
	fs.StringVar(&f.clusterDomain, "cluster-domain", graph.DefaultClusterDomain, "Kubernetes cluster DNS domain used to expand short host names")
	fs.StringVar(&f.meshConfig, "mesh-config", "", "MeshConfig YAML (or the istio ConfigMap) to read instead of Istio's defaults")
	fs.StringVar(&f.config, "config", "", "config `FILE` (default: the nearest .meshlint.yaml upward from the first PATH)")
	fs.StringSliceVar(&f.enable, "enable", nil, "run only these rules (IDs, names or istioctl codes, comma-separated)")
	fs.StringSliceVar(&f.disable, "disable", nil, "do not run these rules (IDs, names or istioctl codes)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not recorded in the baseline `FILE`")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "record every current finding in the baseline `FILE`, atomically (they no longer fail the run)")
	fs.StringSliceVar(&f.only, "only", nil, "report only the findings in these `FILE`s or pointing at them (comma-separated or repeated); every PATH is still analyzed, and the files too")
	fs.StringArrayVarP(&f.kustomize, "kustomize", "k", nil, "render the kustomization in `DIR` in-process (offline, no remote bases) and lint the result, findings placed in the files it was built from (repeatable; mixable with PATHs)")
	fs.StringVar(&f.stdinName, "stdin-filename", "", "the file `NAME` findings on stdin (-) carry; the documents of `helm template` output carry the template their `# Source:` comment names instead")
	fs.BoolVar(&f.preCommit, "pre-commit", false, "the PATHs are the files a commit changes (the hook's entry): analyze them with the rest of the repository (the config's paths, else every manifest git tracks below the working directory) and report only the findings in them or pointing at them")
	fs.StringVar(&f.newFromRev, "new-from-rev", "", "report only the findings that the tree at git revision `REV` does not have (read from git objects; the work tree is not touched)")
	fs.StringVar(&f.newFromMergeBase, "new-from-merge-base", "", "like --new-from-rev with the merge base of `REF` and HEAD: what a pull request from HEAD into REF introduces")
	fs.StringSliceVar(&f.crds, "crd", nil, "validate custom resources with the CRDs in `FILE|DIR` (repeatable)")
	fs.StringSliceVar(&f.policies, "policy", nil, "also run the Rego policies in `DIR` (a directory or .rego file; repeatable; config policies:)")
	fs.StringSliceVar(&f.policyNamespaces, "policy-namespace", nil, "run only the user policies in these Rego packages and below (repeatable; default every package)")
	fs.DurationVar(&f.policyTimeout, "policy-timeout", 0, "stop a Rego policy that evaluates longer than this, failing the run (exit 2) (default 5s, plus 1s per 10,000 resources)")
	fs.BoolVar(&f.strictKinds, "strict-kinds", false, "report resources of kinds meshlint has no schema for (rule ML0105)")
	fs.BoolVar(&f.noDefaultIngress, "no-default-ingress", false, "do not imply a default install's resources: the ingress and egress gateways (istio-system, istio: ingressgateway and egressgateway) and istiod's Service")
	fs.BoolVar(&f.fix, "fix", false, "apply the findings' suggested fixes to the files in place (comments and layout kept); the report and exit code are those of the fixed files")
	fs.BoolVar(&f.dryRun, "dry-run", false, "with --fix: print the fixes as a unified diff on stdout instead of writing them (the report goes only to --output/--out-format files)")
	fs.BoolVar(&f.noInlineSuppressions, "no-inline-suppressions", false, "ignore the suppressions written in the linted files (# meshlint:ignore comments, meshlint.io/ignore and galley.istio.io/analyze-suppress annotations): only the config and the baseline suppress")
	fs.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "also print messages about the run itself (e.g. checks meshlint could not evaluate) and the time each stage took to stderr")
	addLimitFlags(fs, &f.limits)
	addProfileFlags(fs, &f.profile)
	return fs
}

func printLintUsage(w io.Writer) {
	fmt.Fprint(w, `meshlint lints Istio service-mesh manifests offline.

Usage:
  meshlint [flags] [PATH...]     lint files and directories (recursive: .yaml .yml .json);
                                 "-" reads stdin; no PATH lints the current directory
  meshlint -k DIR [PATH...]      render the kustomization in DIR in-process and lint it
  meshlint rules [--format text|json|markdown]   list the rules
  meshlint explain ID|NAME       show one rule's documentation
  meshlint policy test DIR...    run the unit tests (*_test.rego) of Rego policies
  meshlint policy eval PATH...   print the input Rego policies see for the manifests
  meshlint init [--force] [DIR]  write a commented starter .meshlint.yaml
  meshlint lsp                   run the language server on stdio (see meshlint lsp --help)
  meshlint graph [-o dot|mermaid|json] [--focus HOST|KIND/NS/NAME|FILE,...] [--depth N] [--kinds K,...] [PATH...]
                                 draw the resolved resource graph, broken references in red
  meshlint coverage [-o text|json|markdown] [--fail-under PCT] [PATH...]
                                 sidecar/ambient coverage per namespace and workload, and why
  meshlint version, --version    print the version

Flags:
`)
	fmt.Fprint(w, newLintFlagSet(&lintFlags{}).FlagUsages())
	fmt.Fprint(w, `
Several reports in one run, e.g. findings in the log and SARIF for code scanning:
  meshlint --out-format text,sarif:meshlint.sarif deploy/

As a pre-commit hook (the hook passes the changed files; the repository is analyzed):
  meshlint --pre-commit deploy/dr.yaml deploy/vs.yaml
In a pull request, only what the branch introduces (needs the history: fetch-depth: 0):
  meshlint --new-from-merge-base origin/main deploy/
Suppress one finding in place, with the reason (docs/suppressions.md):
  host: reviews.other.svc.cluster.local  # meshlint:ignore ML1103 defined in the platform repo

Fixes (rules marked "fix" in meshlint rules): see what they would change, then apply them:
  meshlint --fix --dry-run deploy/ | less
  meshlint --fix deploy/

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
	stop, err := f.profile.start(e.stderr)
	if err != nil {
		return e.exit(err)
	}
	defer stop()
	base, err := readBaseline(&f)
	if err != nil {
		return e.exit(err)
	}
	outs, err := parseOutputs(fs, &f)
	if err != nil {
		return e.exit(err)
	}
	if err := checkFixFlags(fs, &f); err != nil {
		return e.exit(err)
	}
	res, threshold, err := lintPaths(e, fs, &f, base)
	if err != nil {
		return e.exit(err)
	}
	if err := writeBaseline(&f, res); err != nil {
		return e.exit(err)
	}
	if f.dryRun {
		outs = filesOnly(outs) // stdout holds the diff
	}
	start := time.Now()
	if err := writeReports(e, &f, outs, res.Report, threshold); err != nil {
		return e.exit(err)
	}
	f.timings.Report += time.Since(start)
	if f.verbose {
		for _, d := range res.Debug {
			fmt.Fprintf(e.stderr, "meshlint: debug: %s\n", d)
		}
		f.timings.Print(e.stderr)
	}
	if res.Report.Summary.Files == 0 {
		// "0 files" read as a clean run; a mistyped or empty PATH is likelier.
		fmt.Fprintf(e.stderr, "meshlint: no manifests found under %s (.yaml, .yml and .json files are linted)\n", strings.Join(inputNames(fs.Args()), ", "))
	} else {
		printSummary(e.stderr, res.Report, res.StaleBaseline)
		printFixable(e.stderr, &f, res.Report)
	}
	if flag, rev := revisionFlag(&f); flag != "" && res.Preexisting > 0 {
		fmt.Fprintf(e.stderr, "meshlint: %s already at %s not reported (%s)\n", count(res.Preexisting, "finding"), rev, flag)
	}
	if res.Fails(threshold) {
		return exitFindings
	}
	return exitClean
}

// lintPaths reads the config, turns the flags into the engine's options,
// reads the inputs and lints them.
func lintPaths(e *env, fs *pflag.FlagSet, f *lintFlags, base *lint.Baseline) (*lint.Result, analyzers.Severity, error) {
	args, err := preCommitArgs(f, fs.Args())
	if err != nil {
		return nil, 0, err
	}
	cf, err := loadConfig(f.config, args)
	if err != nil {
		return nil, 0, err
	}
	applyConfig(fs, f, cf)
	threshold, err := parseFailOn(f.failOn)
	if err != nil {
		return nil, 0, err
	}
	opts, notes, err := buildOptions(f, cf)
	if err != nil {
		return nil, 0, err
	}
	opts.Baseline = base
	for _, w := range notes.meshConfig {
		fmt.Fprintf(e.stderr, "meshlint: warning: --mesh-config: %s\n", w)
	}
	if f.verbose {
		for _, d := range notes.crdSkipped {
			fmt.Fprintf(e.stderr, "meshlint: debug: --crd: %s\n", d)
		}
	}
	for _, o := range unknownOnlyFiles(f.only) {
		fmt.Fprintf(e.stderr, "meshlint: warning: --only %s: no such file, and not a file deleted in git; nothing is reported for it\n", o)
	}
	in := lint.Inputs{Paths: args, Kustomize: f.kustomize, Only: f.only, Stdin: e.stdin, StdinName: f.stdinName, Config: cf, MaxFileBytes: opts.Graph.Limits.MaxFileBytes}
	if in, err = preCommitInputs(f, in); err != nil {
		return nil, 0, err
	}
	if opts.NewFrom, err = lintRevision(f, in, opts); err != nil {
		return nil, 0, err
	}
	start := time.Now()
	gcPercent := holdGC()
	sources, err := lint.ReadSources(in)
	if err != nil {
		debug.SetGCPercent(gcPercent)
		return nil, 0, err
	}
	f.timings.Read = time.Since(start)
	prepareHeap(sourceBytes(sources), gcPercent)
	opts.Timings = &f.timings
	if f.fix {
		res, err := fixSources(e, f, sources, opts)
		return res, threshold, err
	}
	res, err := lint.Lint(context.Background(), sources, opts)
	if err != nil {
		return nil, 0, flagError(err)
	}
	return res, threshold, nil
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

// optionNotes are what reading the options' files has to say: keys a
// mesh config does not define (warnings), documents of a CRD file that are
// not CRDs (-v).
type optionNotes struct{ meshConfig, crdSkipped []string }

// buildOptions turns flags (already merged with the config file) into the
// engine's options.
func buildOptions(f *lintFlags, cf *lint.File) (opts lint.Options, notes optionNotes, err error) {
	opts = lint.DefaultOptions()
	if err := checkLimits(&f.limits); err != nil {
		return opts, notes, err
	}
	opts.Graph.Limits = f.limits
	opts.Graph.DefaultNamespace = f.namespace
	opts.Graph.ClusterDomain = f.clusterDomain
	opts.Graph.AssumeDefaultIngress = !f.noDefaultIngress
	if f.meshConfig != "" {
		if opts.Graph.Mesh, notes.meshConfig, err = readMeshConfig(f.meshConfig); err != nil {
			return opts, notes, err
		}
	}
	opts.Enable, opts.Disable, opts.StrictKinds = f.enable, f.disable, f.strictKinds
	opts.NoApplyOrder = f.noApplyOrder
	if opts.Rules, err = loadPolicies(f); err != nil {
		return opts, notes, err
	}
	if err := lint.Validate(opts); err != nil { // a mistyped rule first, as it is the likeliest mistake
		return opts, notes, flagError(err)
	}
	if len(f.crds) > 0 {
		if opts.Schemas, notes.crdSkipped, err = lint.CRDRegistry(f.crds); err != nil {
			return opts, notes, err
		}
	}
	if cf != nil {
		if err := cf.ApplyTo(&opts); err != nil {
			return opts, notes, err
		}
	}
	opts.NoInlineSuppressions = opts.NoInlineSuppressions || f.noInlineSuppressions
	opts.Only = f.only
	opts.WriteBaseline = f.writeBaseline != ""
	opts.WorkDir, _ = os.Getwd() // "" when unknown: names are left as given
	return opts, notes, nil
}

// loadPolicies compiles the user policies with the built-in ones; nil
// (the built-in rules) when there are none and no flag changes them.
func loadPolicies(f *lintFlags) ([]*analyzers.Rule, error) {
	if len(f.policies) == 0 && f.policyTimeout == 0 {
		return nil, nil
	}
	set, err := rules.Load(rules.Options{Dirs: f.policies, Namespaces: f.policyNamespaces, Timeout: f.policyTimeout})
	if err != nil {
		return nil, fmt.Errorf("--policy: %v", err)
	}
	return lint.Catalog(set)
}

// flagError words an engine error about an option as a usage error
// naming the flag (the config's rules.enable and rules.disable merge into
// the flags).
func flagError(err error) error {
	var unknown *lint.UnknownRuleError
	if errors.As(err, &unknown) {
		return usagef("--%v", err)
	}
	return err
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

func printSummary(w io.Writer, rep *analyzers.Report, stale int) {
	s := rep.Summary
	fmt.Fprintf(w, "meshlint: %s, %s: %s, %s, %s",
		count(s.Files, "file"), count(s.Resources, "resource"),
		count(s.Errors, "error"), count(s.Warnings, "warning"), count(s.Infos, "info"))
	printSuppressed(w, rep)
	if s.NotObjects > 0 {
		fmt.Fprintf(w, "; %s skipped, not Kubernetes objects (-v lists them)", count(s.NotObjects, "document"))
	}
	fmt.Fprintln(w)
	if stale > 0 {
		fmt.Fprintf(w, "meshlint: %s in the baseline no longer found (fixed?); --write-baseline updates it\n", count(stale, "finding"))
	}
}

// printSuppressed says how many findings the baseline and the files'
// own suppressions silenced, when any did.
func printSuppressed(w io.Writer, rep *analyzers.Report) {
	inSource := 0
	for _, f := range rep.Findings {
		if f.Suppressed && f.InSource {
			inSource++
		}
	}
	var parts []string
	if n := rep.Summary.Suppressed - inSource; n > 0 {
		parts = append(parts, fmt.Sprintf("%d in the baseline", n))
	}
	if inSource > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed in the files", inSource))
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
}

// inputNames are the PATHs a run read, "." when none was given.
func inputNames(args []string) []string {
	if len(args) == 0 {
		return []string{"."}
	}
	return args
}

func count(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

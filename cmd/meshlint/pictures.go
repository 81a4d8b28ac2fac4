package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/report/coverage"
	"github.com/meshlint/meshlint/report/meshgraph"
)

// lintOnlyFlags are the lint flags about findings and their report, which
// mean nothing to a picture: hidden from graph and coverage, which take
// every input flag of lint as it is.
var lintOnlyFlags = []string{"out-format", "fail-on", "baseline", "write-baseline", "only", "pre-commit",
	"new-from-rev", "new-from-merge-base", "no-color"}

// pictureFlagSet is the lint flag set with -o/--format taking the
// picture's formats.
func pictureFlagSet(f *lintFlags, formats []string) *pflag.FlagSet {
	fs := newLintFlagSet(f)
	fl := fs.Lookup("format")
	fl.Usage = "output format: " + strings.Join(formats, ", ")
	fl.DefValue = formats[0]
	_ = fl.Value.Set(formats[0])
	fl = fs.Lookup("output")
	fl.Usage = "write the output to `FILE` instead of stdout, atomically"
	for _, name := range lintOnlyFlags {
		_ = fs.MarkHidden(name)
	}
	return fs
}

// lintForPicture lints the PATHs as the lint command would, for the graph
// the findings point into.
func lintForPicture(e *env, fs *pflag.FlagSet, f *lintFlags) (*lint.Result, error) {
	res, _, err := lintPaths(e, fs, f, nil)
	if err != nil {
		return nil, err
	}
	if res.Summary.Files == 0 {
		fmt.Fprintf(e.stderr, "meshlint: no manifests found under %s (.yaml, .yml and .json files are read)\n", strings.Join(inputNames(fs.Args()), ", "))
	}
	return res, nil
}

// writeOutput writes to --output atomically, or to stdout.
func writeOutput(e *env, f *lintFlags, write func(io.Writer) error) error {
	if f.output == "" {
		return write(e.stdout)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return writeFileAtomic("--output", f.output, buf.Bytes())
}

func runGraph(e *env) error {
	var f lintFlags
	var filter meshgraph.Filter
	fs := pictureFlagSet(&f, meshgraph.Formats())
	fs.StringSliceVar(&filter.Focus, "focus", nil, "draw only the neighbourhood of `HOST|KIND/NS/NAME|FILE`: a host (reviews, reviews.bookinfo.svc.cluster.local), a resource, or the resources a file defines (comma-separated or repeated)")
	fs.IntVar(&filter.Depth, "depth", 2, "with --focus, how many references away from it to draw")
	fs.StringSliceVar(&filter.Kinds, "kinds", nil, "draw only resources of these `KIND`s (comma-separated, e.g. VirtualService,DestinationRule,Service); missing targets are always drawn")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(e.args); err != nil {
		return usagef("%v", err)
	}
	if *help {
		printPictureUsage(e.stdout, "graph [-o dot|mermaid|json] [--focus HOST|KIND/NS/NAME|FILE,...] [--depth N] [--kinds K,...] [PATH...]",
			"draws the resolved resource graph: namespaces as clusters, references as labelled edges,\nbroken references red and dashed to a \"missing\" node named with the rule that reports them.", fs)
		return errHelp
	}
	if ok, _ := meshgraph.Write(io.Discard, f.format, &meshgraph.Graph{}); !ok {
		return usagef("unknown format %q (want %s)", f.format, strings.Join(meshgraph.Formats(), ", "))
	}
	if filter.Depth < 0 {
		return usagef("--depth: must be 0 or more")
	}
	res, err := lintForPicture(e, fs, &f)
	if err != nil {
		return err
	}
	m, err := filter.Apply(meshgraph.Build(res.Graph, res.Findings), res.Graph)
	if err != nil {
		return usagef("%v", err)
	}
	return writeOutput(e, &f, func(w io.Writer) error {
		_, err := meshgraph.Write(w, f.format, m)
		return err
	})
}

func runCoverage(e *env) int {
	var f lintFlags
	fs := pictureFlagSet(&f, coverage.Formats())
	failUnder := fs.Float64("fail-under", 0, "exit 1 when less than `PCT` percent of the workloads whose verdict the files decide are in the mesh")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(e.args); err != nil {
		return e.exit(usagef("%v", err))
	}
	if *help {
		printPictureUsage(e.stdout, "coverage [-o text|json|markdown] [--fail-under PCT] [PATH...]",
			"tells per namespace and workload whether its pods run with a sidecar, in ambient mode or outside\nthe mesh, and why; workloads outside the mesh that Istio policy selects are marked with \"!\".", fs)
		return exitClean
	}
	if ok, _ := coverage.Write(io.Discard, f.format, &coverage.Report{}); !ok {
		return e.exit(usagef("unknown format %q (want %s)", f.format, strings.Join(coverage.Formats(), ", ")))
	}
	if *failUnder < 0 || *failUnder > 100 {
		return e.exit(usagef("--fail-under: want a percentage from 0 to 100"))
	}
	res, err := lintForPicture(e, fs, &f)
	if err != nil {
		return e.exit(err)
	}
	rep := coverage.Compute(res.Graph)
	if err := writeOutput(e, &f, func(w io.Writer) error { _, err := coverage.Write(w, f.format, rep); return err }); err != nil {
		return e.exit(err)
	}
	if p := rep.Totals.Percent; fs.Changed("fail-under") && p != nil && *p < *failUnder {
		fmt.Fprintf(e.stderr, "meshlint: coverage %s is under --fail-under %g%%\n", rep.Totals.PercentString(), *failUnder)
		return exitFindings
	}
	return exitClean
}

func printPictureUsage(w io.Writer, usage, what string, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "Usage:\n  meshlint %s\n\nmeshlint %s\nThe input flags are lint's.\n\nFlags:\n%s", usage, what, fs.FlagUsages())
}

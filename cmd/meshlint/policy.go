package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/rules"
)

const policyUsage = `Usage:
  meshlint policy test [--coverage] [-v] DIR...    run the *_test.rego tests of the policies in DIR
  meshlint policy eval [--resource KIND/NAMESPACE/NAME] [--data] PATH...
                                                   print the input policies see for the manifests
  meshlint policy schema                           print the JSON Schema of that input (for editors)

`

// runPolicy dispatches the policy subcommands.
func runPolicy(e *env) int {
	if len(e.args) == 0 || e.args[0] == "-h" || e.args[0] == "--help" {
		fmt.Fprint(e.stdout, policyUsage)
		if len(e.args) == 0 {
			return exitUsage
		}
		return exitClean
	}
	switch e.args[0] {
	case "test":
		return runPolicyTest(e.sub())
	case "eval":
		return e.exit(runPolicyEval(e.sub()))
	case "schema":
		_, err := e.stdout.Write(rules.InputSchema)
		return e.exit(err)
	}
	return e.exit(usagef("policy: unknown subcommand %q (test, eval or schema)", e.args[0]))
}

// runPolicyTest runs policy unit tests: exit 1 when one fails, 2 when a
// policy does not compile.
func runPolicyTest(e *env) int {
	fs := pflag.NewFlagSet("meshlint policy test", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	coverage := fs.Bool("coverage", false, "list the policy lines no test reaches")
	verbose := fs.BoolP("verbose", "v", false, "list passing tests too")
	timeout := fs.Duration("timeout", rules.DefaultTimeout, "stop a test that runs longer than this")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(e.args); err != nil {
		return e.exit(usagef("policy test: %v", err))
	}
	if *help {
		fmt.Fprintf(e.stdout, "%s%s", policyUsage, fs.FlagUsages())
		return exitClean
	}
	if fs.NArg() == 0 {
		return e.exit(usagef("policy test: name the directories of the policies to test"))
	}
	rep, err := rules.Test(context.Background(), rules.TestOptions{Dirs: fs.Args(), Coverage: *coverage, Timeout: *timeout})
	if err != nil {
		return e.exit(err)
	}
	printTestResults(e.stdout, rep, *verbose)
	if rep.Coverage != nil {
		printCoverage(e.stdout, rep.Coverage)
	}
	if rep.Failed() || len(rep.Results) == 0 {
		return exitFindings
	}
	return exitClean
}

func printTestResults(w io.Writer, rep *rules.TestReport, verbose bool) {
	failed := 0
	for _, r := range rep.Results {
		name := r.Package + "." + r.Name
		switch {
		case r.Error != nil:
			failed++
			fmt.Fprintf(w, "%s:%d: ERROR %s: %v\n", r.Location.File, r.Location.Row, name, r.Error)
		case r.Fail:
			failed++
			fmt.Fprintf(w, "%s:%d: FAIL %s\n", r.Location.File, r.Location.Row, name)
		case verbose:
			fmt.Fprintf(w, "%s:%d: PASS %s\n", r.Location.File, r.Location.Row, name)
		}
	}
	if len(rep.Results) == 0 {
		fmt.Fprintln(w, "no tests found: test rules are named test_* (in *_test.rego files)")
		return
	}
	fmt.Fprintf(w, "%d tests: %d passed, %d failed\n", len(rep.Results), len(rep.Results)-failed, failed)
}

// printCoverage prints each policy file's coverage and the lines no test
// reaches, as ranges.
func printCoverage(w io.Writer, c *cover.Report) {
	for _, file := range slices.Sorted(maps.Keys(c.Files)) {
		f := c.Files[file]
		var missed []string
		for _, r := range f.NotCovered {
			if r.Start.Row == r.End.Row {
				missed = append(missed, fmt.Sprint(r.Start.Row))
			} else {
				missed = append(missed, fmt.Sprintf("%d-%d", r.Start.Row, r.End.Row))
			}
		}
		line := fmt.Sprintf("%s: %.1f%% of lines covered", file, f.Coverage)
		if len(missed) > 0 {
			line += "; not reached: " + strings.Join(missed, ", ")
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "total: %.1f%% of lines covered\n", c.Coverage)
}

// runPolicyEval prints what policies read: the whole input, one resource
// (what a conftest-style policy gets as input), or data.meshlint.
func runPolicyEval(e *env) error {
	fs := pflag.NewFlagSet("meshlint policy eval", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	resource := fs.String("resource", "", "print only this resource, `KIND/NAMESPACE/NAME` (KIND/NAME when cluster-scoped)")
	data := fs.Bool("data", false, "print data.meshlint, the graph's indexes, instead of the input")
	namespace := fs.StringP("namespace", "n", "default", "namespace for documents without one")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(e.args); err != nil {
		return usagef("policy eval: %v", err)
	}
	if *help {
		fmt.Fprintf(e.stdout, "%s%s", policyUsage, fs.FlagUsages())
		return errHelp
	}
	sources, err := lint.ReadSources(lint.Inputs{Paths: fs.Args(), Stdin: e.stdin})
	if err != nil {
		return err
	}
	opts := graph.DefaultOptions()
	opts.DefaultNamespace = *namespace
	in := rules.NewInput(graph.Load(sources, opts))
	value, err := in.Select(*resource, *data)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(value)
}

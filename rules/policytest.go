package rules

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestOptions say which policy tests to run.
type TestOptions struct {
	// Dirs are directories (or files) of policies and their *_test.rego.
	Dirs []string
	// BuiltIn tests the built-in policies instead.
	BuiltIn bool
	// Coverage records which policy lines the tests reach.
	Coverage bool
	// Timeout bounds each test (DefaultTimeout if 0).
	Timeout time.Duration
}

// TestReport is what a policy test run found.
type TestReport struct {
	// Results are the tests in file and line order.
	Results  []*tester.Result
	Coverage *cover.Report // nil without TestOptions.Coverage
}

// Failed reports whether a test failed, errored or none ran.
func (r *TestReport) Failed() bool {
	return slices.ContainsFunc(r.Results, func(t *tester.Result) bool { return t.Fail || t.Error != nil })
}

// Test runs the test_ rules of the policies, as `opa test` does, under the
// sandbox the policies run in. A policy that does not compile is an error
// naming its file, line and column.
func Test(ctx context.Context, opts TestOptions) (*TestReport, error) {
	files, err := testFiles(opts)
	if err != nil {
		return nil, err
	}
	modules, err := parseFiles(files)
	if err != nil {
		return nil, err
	}
	timeout := cmp.Or(opts.Timeout, DefaultTimeout)
	runner := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(sandboxCapabilities())).
		SetModules(modules).SetTimeout(timeout)
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, regoError(err)
	}
	rep := &TestReport{}
	for r := range ch {
		rep.Results = append(rep.Results, r)
	}
	slices.SortFunc(rep.Results, func(a, b *tester.Result) int {
		return cmp.Or(cmp.Compare(a.Location.File, b.Location.File), cmp.Compare(a.Location.Row, b.Location.Row), cmp.Compare(a.Name, b.Name))
	})
	if cov != nil {
		rep.Coverage = policyCoverage(cov.Report(modules), files)
	}
	return rep, nil
}

func testFiles(opts TestOptions) ([]sourceFile, error) {
	if opts.BuiltIn {
		return readFS(builtinFS, "builtin")
	}
	return readDirs(opts.Dirs)
}

// policyCoverage keeps the policies' files: coverage of the tests
// themselves says nothing. The total is recomputed over what is kept.
func policyCoverage(c cover.Report, files []sourceFile) *cover.Report {
	c.CoveredLines, c.NotCoveredLines = 0, 0
	for _, f := range files {
		if fr, ok := c.Files[f.name]; ok && f.test {
			delete(c.Files, f.name)
		} else if ok {
			c.CoveredLines += fr.CoveredLines
			c.NotCoveredLines += fr.NotCoveredLines
		}
	}
	c.Coverage = 0
	if total := c.CoveredLines + c.NotCoveredLines; total > 0 {
		c.Coverage = 100 * float64(c.CoveredLines) / float64(total)
	}
	return &c
}

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/report"
)

// runRules prints the rule catalogue, or writes docs/rules with --output-dir.
func runRules(e *env) error {
	fs := pflag.NewFlagSet("meshlint rules", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.StringP("format", "o", "text", "text, json or markdown")
	dir := fs.String("output-dir", "", "write one Markdown page per rule and an index README.md into `DIR`")
	policies := fs.StringSlice("policy", nil, "also list the Rego policies in `DIR` (repeatable)")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(e.args); err != nil {
		return usagef("rules: %v", err)
	}
	if *help {
		fmt.Fprintf(e.stdout, "Usage: meshlint rules [--format text|json|markdown] [--output-dir DIR] [--policy DIR]\n\n%s", fs.FlagUsages())
		return errHelp
	}
	rules, err := loadPolicies(&lintFlags{policies: *policies})
	if err == nil && rules == nil {
		rules, err = lint.Catalog(nil)
	}
	if err != nil {
		return err
	}
	if *dir != "" {
		return writeRuleDocs(*dir, rules)
	}
	err = report.WriteCatalogue(e.stdout, *format, rules)
	if unknown := (*report.UnknownFormatError)(nil); errors.As(err, &unknown) {
		return usagef("rules: %v", err)
	}
	return err
}

// writeRuleDocs writes docs/rules/<ID>.md and README.md.
func writeRuleDocs(dir string, rules []*analyzers.Rule) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, r := range rules {
		if err := os.WriteFile(filepath.Join(dir, r.ID+".md"), []byte(report.RulePage(r)), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "README.md"), []byte(report.CatalogueMarkdown(rules)), 0o644)
}

// runExplain prints one rule's documentation.
func runExplain(e *env) error {
	if len(e.args) == 1 && (e.args[0] == "-h" || e.args[0] == "--help") {
		fmt.Fprintln(e.stdout, "Usage: meshlint explain ID|NAME   (e.g. meshlint explain ML1102)")
		return errHelp
	}
	if len(e.args) != 1 {
		return usagef("explain takes one rule ID or name, e.g. meshlint explain ML1102")
	}
	all, err := lint.Catalog(nil)
	if err != nil {
		return err
	}
	found := analyzers.Lookup(all, e.args[0])
	switch {
	case len(found) == 0:
		return fmt.Errorf("explain: no rule %q (see meshlint rules)", e.args[0]) // not usagef: one pointer is enough
	case len(found) > 1:
		var ids []string
		for _, r := range found {
			ids = append(ids, r.ID+" "+r.Name)
		}
		fmt.Fprintf(e.stdout, "%s corresponds to several rules:\n  %s\n", e.args[0], strings.Join(ids, "\n  "))
		return nil
	}
	_, err = io.WriteString(e.stdout, report.RulePage(found[0]))
	return err
}

func runVersion(e *env) error {
	fmt.Fprintf(e.stdout, "meshlint %s\n", version)
	return nil
}

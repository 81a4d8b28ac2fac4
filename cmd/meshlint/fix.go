package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// checkFixFlags refuses --dry-run without --fix, --fix with a baseline
// being written (it would record findings the fixes remove), and --fix of
// input that is no file: standard input, a rendered kustomization.
func checkFixFlags(fs *pflag.FlagSet, f *lintFlags) error {
	switch {
	case f.dryRun && !f.fix:
		return usagef("--dry-run: only with --fix")
	case f.fix && f.writeBaseline != "":
		return usagef("--fix: do not combine with --write-baseline; fix first, then write the baseline")
	}
	if k := fs.Lookup("kustomize"); f.fix && k != nil && k.Changed {
		return usagef("--fix: -k lints what a kustomization renders, which is no file to fix; fix its files instead: meshlint --fix DIR")
	}
	for _, a := range fs.Args() {
		if f.fix && a == "-" {
			return usagef("--fix: standard input cannot be fixed in place; lint a file, or pipe it through --fix --dry-run of a saved copy")
		}
	}
	return nil
}

// fixSources applies the fixes, writes the files that changed (or prints
// their diff with --dry-run) and says on stderr what changed where. The
// result is the report on the fixed content.
func fixSources(e *env, f *lintFlags, sources []source.Source, opts lint.Options) (*lint.Result, error) {
	for _, s := range sources {
		if s.Path == source.StdinPath {
			return nil, usagef("--fix: standard input cannot be fixed in place")
		}
	}
	res, err := lint.Fix(context.Background(), sources, opts)
	if err != nil {
		return nil, flagError(err)
	}
	verb := "fixed"
	if f.dryRun {
		verb = "would fix"
	}
	for _, ff := range res.Files {
		name := displayName(opts.WorkDir, ff.Path)
		if ff.Refused > 0 {
			fmt.Fprintf(e.stderr, "meshlint: --fix: %s: %d fixes not applied: the file would not parse as before with them (please report this)\n", name, ff.Refused)
		}
		if bytes.Equal(ff.Original, ff.Fixed) {
			continue
		}
		if f.dryRun {
			printDiff(e.stdout, name, ff)
		} else if err := writeFixed(ff); err != nil {
			return nil, err
		}
		fmt.Fprintf(e.stderr, "meshlint: %s %s: %s\n", verb, name, ff.Summary())
	}
	return res.Result, nil
}

// writeFixed replaces the file with its fixed content, atomically and
// keeping its mode; through a symbolic link, the file it points to. A
// file that changed since it was read is left alone.
func writeFixed(ff *lint.FileFix) error {
	path, err := filepath.EvalSymlinks(ff.Path)
	if err != nil {
		return fmt.Errorf("--fix: %v", err)
	}
	now, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--fix: %s is no file that can be fixed in place: %v", ff.Path, err)
	}
	if !bytes.Equal(now, ff.Original) {
		return fmt.Errorf("--fix: %s changed while meshlint read it; not fixed, run again", ff.Path)
	}
	return writeFileAtomic("--fix", path, ff.Fixed)
}

// displayName is path relative to the working directory when below it,
// as findings name files.
func displayName(dir, path string) string {
	if dir != "" && filepath.IsAbs(path) {
		if r, err := filepath.Rel(dir, path); err == nil && filepath.IsLocal(r) {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(path)
}

// printDiff writes the change to one file as a unified diff, in the
// a/ b/ form that git apply and patch -p1 take.
func printDiff(w io.Writer, name string, ff *lint.FileFix) {
	d := udiff.Unified("a/"+name, "b/"+name, string(ff.Original), string(ff.Fixed))
	if !strings.HasSuffix(d, "\n") {
		d += "\n"
	}
	fmt.Fprint(w, d)
}

// printFixable says how many of the reported findings --fix would fix,
// on a run without it.
func printFixable(w io.Writer, f *lintFlags, rep *analyzers.Report) {
	n := 0
	for _, fd := range rep.Findings {
		if !fd.Suppressed && len(fd.Fixes) > 0 {
			n++
		}
	}
	if n > 0 && !f.fix {
		fmt.Fprintf(w, "meshlint: %s can be fixed with --fix (--fix --dry-run shows the changes)\n", count(n, "finding"))
	}
}

// filesOnly keeps the outputs that go to files.
func filesOnly(outs []output) []output {
	var kept []output
	for _, o := range outs {
		if o.file != "" {
			kept = append(kept, o)
		}
	}
	return kept
}

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/report"
)

// output is one rendering of the report: a format, and a file or stdout.
type output struct {
	format string
	file   string // "" is stdout
	flag   string // the flag that asked for it, for errors
}

// parseOutputs returns where the report goes: every entry of --out-format
// (FORMAT or FORMAT:FILE, FILE "stdout" meaning stdout), or else the one
// output of --format and --output.
func parseOutputs(fs *pflag.FlagSet, f *lintFlags) ([]output, error) {
	if len(f.outFormats) == 0 {
		if !slices.Contains(report.Formats(), f.format) {
			return nil, usagef("unknown format %q (want %s)", f.format, strings.Join(report.Formats(), ", "))
		}
		return []output{{format: f.format, file: f.output, flag: "--output"}}, nil
	}
	if fs.Changed("format") || fs.Changed("output") {
		return nil, usagef("--out-format: names every output; do not combine it with --format or --output")
	}
	var outs []output
	files := map[string]bool{}
	for _, entry := range f.outFormats {
		format, file, _ := strings.Cut(entry, ":")
		if !slices.Contains(report.Formats(), format) {
			return nil, usagef("--out-format: unknown format %q (want %s)", format, strings.Join(report.Formats(), ", "))
		}
		if file == "stdout" {
			file = ""
		}
		if files[file] {
			if file == "" {
				return nil, usagef("--out-format: only one format can go to stdout")
			}
			return nil, usagef("--out-format: %s is named twice", file)
		}
		files[file] = true
		outs = append(outs, output{format: format, file: file, flag: "--out-format"})
	}
	return outs, nil
}

// writeReports renders the report in every output: files first, each
// atomically (a failed run never leaves a half-written file behind), then
// stdout, so that a failure to write a file is the last word on stderr.
func writeReports(e *env, f *lintFlags, outs []output, rep *analyzers.Report, failOn analyzers.Severity) error {
	wd, _ := os.Getwd()
	opts := report.Options{ToolVersion: version, LinkBase: markdownLinkBase(f.markdownLinkBase, os.Getenv, wd), PassBelow: failOn}
	if failOn == 0 { // --fail-on none: no finding fails the run, nor a test
		opts.PassBelow = analyzers.SeverityError + 1
	}
	for _, o := range outs {
		if o.file == "" {
			continue
		}
		var buf bytes.Buffer
		if err := report.Write(&buf, o.format, rep, opts); err != nil {
			return err
		}
		if err := writeFileAtomic(o.flag, o.file, buf.Bytes()); err != nil {
			return err
		}
	}
	for _, o := range outs {
		if o.file == "" {
			opts.Color = !f.noColor && isTerminal(e.stdout)
			return report.Write(e.stdout, o.format, rep, opts)
		}
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside path, then
// renames it over path; errors name the flag and path, never the
// temporary file, which the user did not ask for.
func writeFileAtomic(flag, path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fileError(flag, path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	// CreateTemp makes the file private (0600); a report is not secret,
	// and a file being replaced keeps its mode.
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
		mode = info.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fileError(flag, path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fileError(flag, path, err)
	}
	if err := tmp.Close(); err != nil {
		return fileError(flag, path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fileError(flag, path, err)
	}
	return nil
}

// fileError words an error writing path, given with flag: the reason
// without the name of the file that failed (the temporary one).
func fileError(flag, path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("%s: %s: %v", flag, path, err)
}

// isTerminal reports whether w is a character device (a TTY) and colour
// is not disabled by NO_COLOR.
func isTerminal(w any) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// markdownLinkBase is --markdown-link-base, or else, in GitHub Actions or
// GitLab CI, the URL of the commit's files at the working directory (the
// findings' paths are relative to it); "" keeps the links relative, as
// outside CI, or when the working directory is outside the checkout.
func markdownLinkBase(flag string, getenv func(string) string, wd string) string {
	if flag != "" {
		return flag
	}
	var base, root string
	if server, repo, sha := getenv("GITHUB_SERVER_URL"), getenv("GITHUB_REPOSITORY"), getenv("GITHUB_SHA"); server != "" && repo != "" && sha != "" {
		base, root = server+"/"+repo+"/blob/"+sha+"/", getenv("GITHUB_WORKSPACE")
	} else if project, sha := getenv("CI_PROJECT_URL"), getenv("CI_COMMIT_SHA"); project != "" && sha != "" {
		base, root = project+"/-/blob/"+sha+"/", getenv("CI_PROJECT_DIR")
	} else {
		return ""
	}
	if root == "" || wd == "" {
		return base
	}
	rel, err := filepath.Rel(root, wd)
	switch {
	case err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)):
		return ""
	case rel == ".":
		return base
	}
	return base + filepath.ToSlash(rel) + "/"
}

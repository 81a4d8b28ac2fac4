package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/report"
)

// writeReport renders the report to stdout or, atomically, to --output: a
// failed run never leaves a half-written file behind.
func writeReport(e *env, f *lintFlags, rep *analyzers.Report) error {
	opts := report.Options{ToolVersion: version}
	if f.output == "" {
		opts.Color = !f.noColor && isTerminal(e.stdout)
		return report.Write(e.stdout, f.format, rep, opts)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, f.format, rep, opts); err != nil {
		return err
	}
	return writeFileAtomic("--output", f.output, buf.Bytes())
}

// writeFileAtomic writes data to a temporary file beside path, then
// renames it over path; errors are prefixed with the flag that named it.
func writeFileAtomic(flag, path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %v", flag, err)
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
		return fmt.Errorf("%s: %v", flag, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %v", flag, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %v", flag, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %v", flag, err)
	}
	return nil
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

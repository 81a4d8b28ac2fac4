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
	return writeFileAtomic(f.output, buf.Bytes())
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("--output: %v", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("--output: %v", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--output: %v", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--output: %v", err)
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

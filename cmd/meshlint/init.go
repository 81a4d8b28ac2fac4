package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/lint"
)

// starterConfig is what `meshlint init` writes: every setting, explained,
// most of them commented out. A test keeps it valid against the schema.
//
//go:embed starter.meshlint.yaml
var starterConfig []byte

// runInit writes a starter .meshlint.yaml into DIR (default the working
// directory); it refuses to replace one unless --force.
func runInit(e *env) error {
	fs := pflag.NewFlagSet("meshlint init", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	force := fs.Bool("force", false, "replace an existing "+lint.ConfigFileName)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: meshlint init [--force] [DIR]\n\nWrites a commented %s into DIR (default: the current directory).\n\n%s", lint.ConfigFileName, fs.FlagUsages())
	}
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return errHelp
		}
		return usagef("init: %v", err)
	}
	if fs.NArg() > 1 {
		return usagef("init: one DIR at most, got %d", fs.NArg())
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	path := filepath.Join(dir, lint.ConfigFileName)
	if err := writeStarter(path, *force); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "meshlint: wrote %s; edit it, then run meshlint\n", path)
	return nil
}

// writeStarter creates path, or replaces it when force is set.
func writeStarter(path string, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usagef("init: %s exists; --force replaces it", path)
	}
	if err != nil {
		return fmt.Errorf("init: %v", err)
	}
	if _, err := f.Write(starterConfig); err != nil {
		f.Close()
		return fmt.Errorf("init: %v", err)
	}
	return f.Close()
}

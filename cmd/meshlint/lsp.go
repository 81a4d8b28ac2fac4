package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/pflag"

	"github.com/meshlint/meshlint/internal/hugeheap"
	"github.com/meshlint/meshlint/internal/lsp"
)

func printLSPUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: meshlint lsp [flags]

Runs the language server on stdin and stdout, for an editor to start: it
lints the workspace folder (or the config's paths) with the editor's unsaved
buffers, publishes the findings as diagnostics, shows a rule's documentation
on hover and offers its fixes and a # meshlint:ignore comment as quick fixes.
.meshlint.yaml is read as on the command line and again when it changes.
See docs/editors.md for VS Code, Neovim and Helix.

The lint command's flags that choose rules and options apply (--config,
--enable, --disable, --namespace, --policy, ...); output flags are ignored.
`)
}

func runLSP(e *env) int {
	hugeheap.Release() // a long-lived server keeps Go's own pace
	var f lintFlags
	fs := newLintFlagSet(&f)
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(e.args); err != nil {
		return e.exit(usagef("%v", err))
	}
	if *help {
		printLSPUsage(e.stdout)
		fmt.Fprint(e.stdout, "\nFlags:\n"+fs.FlagUsages())
		return exitClean
	}
	if fs.NArg() > 0 {
		return e.exit(usagef("lsp takes no PATH: the editor names the workspace"))
	}
	srv := lsp.New(lsp.Options{Load: workspaceLoader(fs, f), Version: version})
	err := srv.Serve(context.Background(), stdio{e.stdin, e.stdout})
	if errors.Is(err, lsp.ErrNoShutdown) {
		return exitFindings // the protocol's exit code 1
	}
	return e.exit(err)
}

// workspaceLoader reads the config of a workspace root as the lint
// command reads it for a PATH there: the nearest .meshlint.yaml upward
// (or --config), merged under the flags. Each call starts from the flags
// as parsed, since merging appends to them.
func workspaceLoader(fs *pflag.FlagSet, parsed lintFlags) lsp.LoadFunc {
	return func(root string) (*lsp.Workspace, error) {
		f := parsed
		f.enable, f.disable = slices.Clone(f.enable), slices.Clone(f.disable)
		f.policies, f.crds = slices.Clone(f.policies), slices.Clone(f.crds)
		cf, err := loadConfig(f.config, []string{root})
		if err != nil {
			return nil, err
		}
		applyConfig(fs, &f, cf)
		opts, _, err := buildOptions(&f, cf)
		if err != nil {
			return nil, flagError(err)
		}
		opts.WorkDir = "" // findings keep absolute paths, which map to URIs
		return &lsp.Workspace{Options: opts, Config: cf}, nil
	}
}

// stdio is the server's stream: the editor writes requests to our stdin
// and reads our stdout.
type stdio struct {
	in  io.Reader
	out io.Writer
}

func (s stdio) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s stdio) Write(p []byte) (int, error) { return s.out.Write(p) }
func (s stdio) Close() error                { return nil } // the process exits next

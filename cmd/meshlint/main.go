// Command meshlint lints Istio service-mesh manifests offline.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/meshlint/meshlint/internal/startgc"
)

// Exit codes, identical in every output format.
const (
	exitClean    = 0 // no finding at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitUsage    = 2 // usage error, unreadable input, internal error
)

// version is overridden at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	// Sampling allocations for a heap profile costs a stack walk per
	// sample and a page fault per new call site: only --memprofile asks
	// for one.
	runtime.MemProfileRate = 0
	startgc.Restore()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command may touch: arguments, standard streams, the
// working directory. Tests run commands with buffers instead of the process.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run dispatches subcommands; anything else is the lint command. A
// directory named like a subcommand can be linted as ./rules.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{args: args, stdin: stdin, stdout: stdout, stderr: stderr}
	var err error
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			err = runRules(e.sub())
		case "explain":
			err = runExplain(e.sub())
		case "policy":
			return runPolicy(e.sub())
		case "init":
			err = runInit(e.sub())
		case "lsp":
			return runLSP(e.sub())
		case "graph":
			err = runGraph(e.sub())
		case "coverage":
			return runCoverage(e.sub())
		case "version", "--version":
			err = runVersion(e.sub())
		case "help":
			printLintUsage(stdout)
			return exitClean
		default:
			return runLint(e)
		}
	} else {
		return runLint(e)
	}
	return e.exit(err)
}

func (e *env) sub() *env {
	c := *e
	c.args = e.args[1:]
	return &c
}

// usageError is a mistake in the command line: one line, exit 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errHelp means help was printed on request: exit 0.
var errHelp = errors.New("help requested")

// exit prints err as one line on stderr and returns the exit code.
func (e *env) exit(err error) int {
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitClean
	default:
		var u *usageError
		if errors.As(err, &u) {
			fmt.Fprintf(e.stderr, "meshlint: %s (see meshlint --help)\n", u.msg)
		} else {
			fmt.Fprintf(e.stderr, "meshlint: %v\n", err)
		}
		return exitUsage
	}
}

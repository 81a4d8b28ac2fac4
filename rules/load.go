package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/internal/parallel"
)

// sourceFile is one .rego file to parse: a user file on disk or an
// embedded built-in.
type sourceFile struct {
	name    string // as shown in messages: the path, or "builtin/x.rego"
	content string
	test    bool // a *_test.rego file: loaded for `policy test` only
}

// readDirs lists the .rego files under each directory (or the file
// itself), in lexical order.
func readDirs(dirs []string) ([]sourceFile, error) {
	var files []sourceFile
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".rego") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files = append(files, sourceFile{name: path, content: string(b), test: strings.HasSuffix(path, "_test.rego")})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("policy directory: %w", err)
		}
	}
	return files, nil
}

// readFS lists the .rego files of an embedded tree.
func readFS(fsys fs.FS, root string) ([]sourceFile, error) {
	var files []sourceFile
	err := fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		files = append(files, sourceFile{name: path, content: string(b), test: strings.HasSuffix(path, "_test.rego")})
		return err
	})
	return files, err
}

// parseFiles parses Rego v1, falling back to v0 for a file that only
// parses as v0 (conftest policies written before OPA 1.0 run unchanged),
// and refuses denied builtins. Errors carry file:line:col. The files are
// parsed on all cores: every run that lints parses the built-in ones
// before it reads its input.
func parseFiles(files []sourceFile) (map[string]*ast.Module, error) {
	parsed := make([]*ast.Module, len(files))
	fileErrs := make([][]error, len(files))
	parallel.For(len(files), func(i int) {
		m, err := parseModule(files[i])
		if err != nil {
			fileErrs[i] = []error{err}
			return
		}
		parsed[i], fileErrs[i] = m, checkSandbox(m)
	})
	modules := map[string]*ast.Module{}
	var errs []error
	for i, f := range files {
		errs = append(errs, fileErrs[i]...)
		if parsed[i] != nil {
			modules[f.name] = parsed[i]
		}
	}
	return modules, errors.Join(errs...)
}

func parseModule(f sourceFile) (*ast.Module, error) {
	opts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
	m, err := ast.ParseModuleWithOpts(f.name, f.content, opts)
	if err == nil {
		return m, nil
	}
	opts.RegoVersion = ast.RegoV0
	if m0, err0 := ast.ParseModuleWithOpts(f.name, f.content, opts); err0 == nil {
		return m0, nil
	}
	return nil, regoError(err)
}

// compile compiles the modules under the sandbox's capabilities.
func compile(modules map[string]*ast.Module) (*ast.Compiler, error) {
	c := ast.NewCompiler().WithCapabilities(sandboxCapabilities()).WithEnablePrintStatements(false)
	c.Compile(modules)
	if c.Failed() {
		return nil, regoError(c.Errors)
	}
	return c, nil
}

// regoError renders OPA's errors one per line as file:line:col: message,
// sorted, so that an editor's problem matcher reads them.
func regoError(err error) error {
	var list ast.Errors
	if !errors.As(err, &list) {
		return err
	}
	lines := make([]string, 0, len(list))
	for _, e := range list {
		lines = append(lines, position(e.Location)+": "+e.Message)
	}
	slices.Sort(lines)
	return errors.New(strings.Join(slices.Compact(lines), "\n"))
}

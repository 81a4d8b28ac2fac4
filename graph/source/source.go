// Package source reads meshlint's inputs: named byte sources (a path and
// its content) from files, directory walks and stdin, under a limit on
// file size. Loading works on sources rather than paths so that the same
// engine serves the CLI and an editor linting unsaved buffers.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Source is one named input: a file read from disk, stdin, or an editor
// buffer. Loading works on sources rather than paths so that the same engine
// serves the CLI and an editor that lints unsaved content.
type Source struct {
	Path    string
	Content []byte
	// Found is true for a file the user did not name: picked up by a
	// directory walk, or passed along as a changed file. Such a file that
	// holds no manifest is skipped rather than reported.
	Found bool
	// HelmChart is the directory of the Helm chart whose template this is
	// (a file under <chart>/templates/), "" for any other file: such a
	// file is YAML only once rendered, so it is not parsed.
	HelmChart string
	// Kustomization is true for a kustomization file read as PATH or in a
	// walk: it is not parsed, a finding says to build it (-k) instead.
	Kustomization bool
	// Origins places the fields of rendered content (a kustomize build)
	// in the files they were written in; nil for content as written.
	Origins Origins
	// Notes are problems found while rendering the content (a patch that
	// does not apply), reported beside the problems of loading it.
	Notes []Note
}

// Place is a range in a named file: 1-based lines and columns, the end
// exclusive. It is the loader's Location without its types, which this
// package cannot import.
type Place struct {
	File                             string
	Line, Column, EndLine, EndColumn int
}

// Origins maps the fields of rendered documents to where they were written.
type Origins interface {
	// Place returns where the field at path (a field path such as
	// spec.http[0].route; "" for the object) of the index-th document
	// was written, its key when key is true; ok false keeps the position
	// in the rendered content.
	Place(index int, path string, key bool) (p Place, ok bool)
}

// Note is a problem found while producing a source; Kind is a loader
// problem kind (yamldoc.ProblemKind).
type Note struct {
	Kind    string
	Place   Place
	Message string
}

// StdinPath is the name given to content read from standard input.
const StdinPath = "<stdin>"

// manifestExtensions are the file endings a directory walk picks up.
var manifestExtensions = map[string]bool{".yaml": true, ".yml": true, ".json": true}

// IsManifestFile reports whether a directory walk would lint the file.
func IsManifestFile(name string) bool {
	return manifestExtensions[strings.ToLower(filepath.Ext(name))]
}

// PathError is an input path that cannot be read; the CLI exits 2 on it.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *PathError) Unwrap() error { return e.Err }

// ReadSources expands paths (files, directories walked recursively, "-" for
// stdin) into sources. Files named explicitly are read whatever their
// extension; directory walks keep .yaml, .yml and .json files and skip
// hidden files and directories. The result is in apply order, the order
// `kubectl apply -f A -f B` creates objects in: arguments as given, each
// directory's files as its walk meets them (lexical by name at every
// level), and a file named again, directly or through a directory, kept
// where it first came. Reports sort findings by file themselves; the
// apply-order rules (ML7xxx) read this order.
func ReadSources(paths []string, stdin io.Reader) ([]Source, error) {
	return ReadSourcesLimit(paths, stdin, 0)
}

// ReadSourcesLimit is ReadSources reading at most maxBytes+1 bytes of each
// input (no limit when maxBytes <= 0): yamldoc.LoadFile refuses a source over
// maxBytes anyway, and reading all of a 10 GB file (or of /dev/zero piped
// to stdin) to find out would exhaust memory first.
//
// Only regular files are read. A walk skips anything else (FIFOs, sockets,
// devices) and follows symbolic links to files only, so that a link to a
// parent directory cannot loop it. A path named explicitly that is not a regular
// file or a directory is an error: opening a named pipe without a writer
// would block forever.
func ReadSourcesLimit(paths []string, stdin io.Reader, maxBytes int) ([]Source, error) {
	return ReadSourcesNamed(paths, stdin, "", maxBytes)
}

// ReadSourcesNamed is ReadSourcesLimit naming what stdin holds stdinName
// ("" for <stdin>), except the documents of a `helm template` stream,
// which are named after their templates (see splitHelmStream).
func ReadSourcesNamed(paths []string, stdin io.Reader, stdinName string, maxBytes int) ([]Source, error) {
	if stdinName == "" {
		stdinName = StdinPath
	}
	jobs, walkErr := listInputs(paths, stdin, stdinName, maxBytes)
	readFiles(jobs, maxBytes)
	var sources []Source
	for _, j := range jobs {
		if j.err != nil {
			return nil, j.err
		}
		sources = append(sources, j.sources...)
	}
	if walkErr != nil {
		return nil, walkErr
	}
	return sources, nil
}

// input is one entry of the apply order: stdin, read at once, or a file,
// read later with the others; err is what reading it failed with.
type input struct {
	sources []Source // one for a file (Content read by readFiles); stdin's
	file    bool
	err     error
}

// listInputs expands paths into inputs in apply order, each file once,
// reading only stdin. It stops at the first path that cannot be expanded
// and returns its error, which counts after those of the inputs before it.
func listInputs(paths []string, stdin io.Reader, stdinName string, maxBytes int) ([]*input, error) {
	seen := map[string]bool{}
	charts := chartFinder{}
	var jobs []*input
	for _, p := range paths {
		if p == "-" {
			if seen[StdinPath] {
				continue
			}
			seen[StdinPath] = true
			data, err := readLimited(stdin, maxBytes)
			if err != nil {
				jobs = append(jobs, &input{err: &PathError{Path: StdinPath, Err: err}})
				return jobs, nil
			}
			jobs = append(jobs, &input{sources: stdinSources(stdinName, data, maxBytes)})
			continue
		}
		files, walked, err := expandPath(p)
		if err != nil {
			return jobs, err
		}
		for _, f := range files {
			if seen[f] {
				continue
			}
			seen[f] = true
			jobs = append(jobs, &input{file: true, sources: []Source{{Path: f, Found: walked,
				HelmChart: charts.of(f), Kustomization: IsKustomization(f)}}})
		}
	}
	return jobs, nil
}

// readWorkers bounds the files read at once: more than the cores, since
// a read may wait for the disk.
const readWorkers = 8

// readFiles reads the files among inputs, in parallel.
func readFiles(jobs []*input, maxBytes int) {
	var files []*input
	for _, j := range jobs {
		if j.file {
			files = append(files, j)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(readWorkers, len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				src := &files[i].sources[0]
				data, err := readRegularFile(src.Path, maxBytes)
				if err != nil {
					files[i].err = &PathError{Path: src.Path, Err: unwrapPathErr(err)}
				}
				src.Content = data
			}
		}()
	}
	wg.Wait()
}

// stdinSources names what stdin holds; a stream over the size limit is
// left whole, for the loader to refuse.
func stdinSources(name string, data []byte, maxBytes int) []Source {
	if maxBytes > 0 && len(data) > maxBytes {
		return []Source{{Path: name, Content: data}}
	}
	return splitHelmStream(name, data)
}

// chartOfTemplate returns the directory of the Helm chart whose template
// path is — the nearest directory above it that holds a Chart.yaml, with
// path inside its templates/ — or "" when it is none. A walk never reads
// templates (it stops at Chart.yaml); a template named explicitly, as a
// hook passes a changed file, is found here.
func chartOfTemplate(path string) string { return chartFinder{}.of(path) }

// chartFinder is chartOfTemplate remembering, per directory, the nearest
// chart at or above it: the files of a walk share a few directories, and
// looking for Chart.yaml up to the root for each file was a fifth of the
// time spent reading them.
type chartFinder map[string]string

func (c chartFinder) of(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	dir := c.nearest(filepath.Dir(abs))
	if dir == "" {
		return ""
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || !strings.HasPrefix(filepath.ToSlash(rel), "templates/") {
		return ""
	}
	// The chart as the user wrote the path: a/templates/x.yaml gives a.
	return filepath.Clean(filepath.Join(filepath.Dir(path), strings.Repeat("../", strings.Count(filepath.ToSlash(rel), "/"))))
}

// nearest is the nearest directory at or above dir (absolute) that holds
// a Chart.yaml, "" when none does.
func (c chartFinder) nearest(dir string) string {
	if chart, ok := c[dir]; ok {
		return chart
	}
	chart := ""
	switch {
	case isRegularFile(filepath.Join(dir, HelmChartFile)):
		chart = dir
	case filepath.Dir(dir) != dir:
		chart = c.nearest(filepath.Dir(dir))
	}
	c[dir] = chart
	return chart
}

// ReadFile reads a file meshlint is pointed at (a config, a mesh config, a
// CRD, a baseline) like os.ReadFile, but refuses a named pipe, socket or
// device instead of blocking on it.
func ReadFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &PathError{Path: path, Err: unwrapPathErr(err)}
	}
	if err := checkRegular(info); err != nil {
		return nil, &PathError{Path: path, Err: err}
	}
	data, err := readRegularFile(path, 0)
	if err != nil {
		return nil, &PathError{Path: path, Err: unwrapPathErr(err)}
	}
	return data, nil
}

// readRegularFile reads a file, checking after opening it that it is a
// regular file: it may have changed since the walk saw it.
func readRegularFile(path string, maxBytes int) ([]byte, error) {
	f, size, mode, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := checkRegularMode(mode); err != nil {
		return nil, err
	}
	return readSized(f, size, maxBytes)
}

// readSized reads a file whose size was size when stat'ed into a buffer
// of that size plus the byte that tells the end (or a limit passed):
// io.ReadAll grows its buffer from 512 bytes, reading and copying a
// typical manifest several times over.
func readSized(f io.Reader, size int64, maxBytes int) ([]byte, error) {
	want := size + 1
	if maxBytes > 0 {
		want = min(want, int64(maxBytes)+1)
	}
	if want <= 1 || want > 1<<30 {
		return readLimited(f, maxBytes) // empty (maybe /proc) or too large to trust
	}
	buf := make([]byte, 0, want)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case errors.Is(err, io.EOF):
			return buf, nil
		case err != nil:
			return nil, err
		case len(buf) == cap(buf) && maxBytes > 0 && len(buf) > maxBytes:
			return buf, nil // past the limit: the loader refuses it
		case len(buf) == cap(buf):
			// The file grew since stat: read the rest as a stream.
			var rest io.Reader = f
			if maxBytes > 0 {
				rest = io.LimitReader(f, int64(maxBytes+1-len(buf)))
			}
			more, err := io.ReadAll(rest)
			return append(buf, more...), err
		}
	}
}

func readLimited(r io.Reader, maxBytes int) ([]byte, error) {
	if maxBytes > 0 {
		r = io.LimitReader(r, int64(maxBytes)+1)
	}
	return io.ReadAll(r)
}

// checkRegular refuses what is neither a regular file nor a directory.
func checkRegular(info fs.FileInfo) error { return checkRegularMode(info.Mode()) }

func checkRegularMode(m fs.FileMode) error {
	what := "special file"
	switch {
	case m.IsRegular(), m.IsDir():
		return nil
	case m&fs.ModeNamedPipe != 0:
		what = "named pipe (pipe it to stdin with - instead)"
	case m&fs.ModeSocket != 0:
		what = "socket"
	case m&fs.ModeDevice != 0:
		what = "device"
	}
	return errors.New("not a regular file or directory but a " + what)
}

// expandPath returns the files a path stands for, cleaned, in walk order, and
// whether a directory walk found them.
func expandPath(p string) (files []string, walked bool, err error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, false, &PathError{Path: p, Err: unwrapPathErr(err)}
	}
	if err := checkRegular(info); err != nil {
		return nil, false, &PathError{Path: p, Err: err}
	}
	if !info.IsDir() {
		return []string{filepath.Clean(p)}, false, nil
	}
	files, err = walkDir(p)
	return files, true, err
}

// HelmChartFile names a Helm chart's metadata file; the directory holding
// it is a chart.
const HelmChartFile = "Chart.yaml"

func isRegularFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// isLinkToFile reports whether d is a symbolic link to a regular file:
// repositories link shared manifests into several directories. Links to
// directories are not followed (one to a parent would loop the walk), and
// broken links or links to pipes are skipped.
func isLinkToFile(path string, d fs.DirEntry) bool {
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// walkDir lists the manifest files under directory p. WalkDir does not
// follow a root that is a symbolic link; the trailing separator makes the
// walk start in the directory it points to.
func walkDir(p string) ([]string, error) {
	root := p
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	var files []string
	fragments := map[string]bool{} // kustomize patches met so far
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return &PathError{Path: filepath.Clean(path), Err: unwrapPathErr(err)}
		}
		hidden := path != root && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden {
				return filepath.SkipDir // .git, .github and the like hold no manifests
			}
			if chart := filepath.Join(path, HelmChartFile); isRegularFile(chart) {
				// Its templates are YAML only once rendered: only Chart.yaml is
				// read, for a finding that says so.
				files = append(files, filepath.Clean(chart))
				return filepath.SkipDir
			}
			if k := kustomizationIn(path); k != "" {
				// Read for a finding that says it is not built; its patches
				// are fragments, not objects, and are skipped below.
				files = append(files, k)
				kustomizeFragments(k, fragments)
			}
			return nil
		}
		// Hidden files are tool configuration (.meshlint.yaml, .gitlab-ci.yml),
		// not manifests; named explicitly, they are read like any file.
		if !hidden && IsManifestFile(d.Name()) && (d.Type().IsRegular() || isLinkToFile(path, d)) &&
			!IsKustomization(path) && !fragments[filepath.Clean(path)] {
			files = append(files, filepath.Clean(path))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// WalkDir visits each directory's entries sorted by name, as kubectl's
	// walk does: a/x.yaml comes before a-b.yaml although the joined paths
	// sort the other way.
	return files, nil
}

// unwrapPathErr drops the *fs.PathError wrapper, whose message repeats the path.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// HelmChartOf is the chart directory of a Helm template (see
// Source.HelmChart), "" for any other file: for a source that was not
// read from disk, such as an editor's buffer.
func HelmChartOf(path string) string { return chartOfTemplate(path) }

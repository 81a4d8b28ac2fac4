package graph

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Source is one named input: a file read from disk, stdin, or an editor
// buffer. Loading works on sources rather than paths so that the same engine
// serves the CLI and an editor that lints unsaved content.
type Source struct {
	Path    string
	Content []byte
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
// hidden files and directories. The result is sorted by path and free of
// duplicates so that output never depends on the order of arguments.
func ReadSources(paths []string, stdin io.Reader) ([]Source, error) {
	seen := map[string]bool{}
	var sources []Source
	add := func(path string, content []byte) {
		if !seen[path] {
			seen[path] = true
			sources = append(sources, Source{Path: path, Content: content})
		}
	}
	for _, p := range paths {
		if p == "-" {
			data, err := io.ReadAll(stdin)
			if err != nil {
				return nil, &PathError{Path: StdinPath, Err: err}
			}
			add(StdinPath, data)
			continue
		}
		files, err := expandPath(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if seen[f] {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, &PathError{Path: f, Err: unwrapPathErr(err)}
			}
			add(f, data)
		}
	}
	sort.SliceStable(sources, func(i, j int) bool { return sources[i].Path < sources[j].Path })
	return sources, nil
}

// expandPath returns the files a path stands for, cleaned and sorted.
func expandPath(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, &PathError{Path: p, Err: unwrapPathErr(err)}
	}
	if !info.IsDir() {
		return []string{filepath.Clean(p)}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return &PathError{Path: path, Err: unwrapPathErr(err)}
		}
		hidden := path != p && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden {
				return filepath.SkipDir // .git, .github and the like hold no manifests
			}
			return nil
		}
		// Hidden files are tool configuration (.meshlint.yaml, .gitlab-ci.yml),
		// not manifests; named explicitly, they are read like any file.
		if !hidden && d.Type().IsRegular() && IsManifestFile(d.Name()) {
			files = append(files, filepath.Clean(path))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
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

package lint

import (
	"fmt"
	"io"
	"os"

	"github.com/meshlint/meshlint/graph/source"
)

// Inputs say which files a run reads. Reading them is the engine's job,
// not the CLI's, because every front end that lints a checkout (the CLI,
// the pre-commit mode) must honour the config's paths and ignore and the
// --only files the same way; an editor passes its buffers to Lint instead.
type Inputs struct {
	// Paths are files and directories; "-" reads Stdin. None means the
	// config's paths, else the working directory.
	Paths []string
	// Listed says a tool listed the Paths (git ls-files, for the
	// pre-commit mode): files that hold no manifest are skipped as a
	// walk's are, not reported as named ones.
	Listed bool
	// Only are files to read besides Paths (see Options.Only).
	Only   []string
	Stdin  io.Reader
	Config *File // may be nil
	// MaxFileBytes bounds how much of a file is read (yamldoc.Limits).
	MaxFileBytes int
}

// ReadSources reads the inputs; files the config ignores are dropped.
func ReadSources(in Inputs) ([]source.Source, error) {
	paths, err := inputPaths(in)
	if err != nil {
		return nil, err
	}
	sources, err := source.ReadSourcesLimit(paths, in.Stdin, in.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	kept := sources[:0]
	for _, s := range sources {
		if !Ignored(in.Config, s.Path) {
			// The config's globs find files as a walk does.
			s.Found = s.Found || len(in.Paths) == 0 || in.Listed
			kept = append(kept, s)
		}
	}
	return addOnlyFiles(kept, in)
}

// inputPaths are the PATH arguments, or the config's `paths` when there
// are none, or the current directory.
func inputPaths(in Inputs) ([]string, error) {
	if len(in.Paths) > 0 {
		return in.Paths, nil
	}
	if cf := in.Config; cf != nil && len(cf.Paths) > 0 {
		files, err := ExpandConfigPaths(cf)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: paths match no manifest file", cf.Path)
		}
		return files, nil
	}
	return []string{"."}, nil
}

// addOnlyFiles adds the Only files that the paths do not already cover,
// so that a changed file outside them is still linted. Files that do not
// exist (deleted in the change), are not manifests (README.md) or are
// ignored by the config are skipped: a hook passes whatever changed.
func addOnlyFiles(sources []source.Source, in Inputs) ([]source.Source, error) {
	have := map[string]bool{}
	for _, s := range sources {
		have[absIn("", s.Path)] = true
	}
	var extra []string
	for _, o := range in.Only {
		info, err := os.Stat(o)
		if err != nil || !info.Mode().IsRegular() || !source.IsManifestFile(o) || Ignored(in.Config, o) || have[absIn("", o)] {
			continue
		}
		have[absIn("", o)] = true
		extra = append(extra, o)
	}
	if len(extra) == 0 {
		return sources, nil
	}
	more, err := source.ReadSourcesLimit(extra, nil, in.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	for i := range more {
		more[i].Found = true // passed along because it changed, not named to be linted
	}
	// After the paths, in the order given: apply order is that of the
	// paths, and these files are not among them.
	return append(sources, more...), nil
}

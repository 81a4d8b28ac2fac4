package lint

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/meshlint/meshlint/graph/source"
)

// MatchGlob matches a slash-separated path against a pattern where `**`
// stands for any number of directories and the other segments follow
// path.Match. A pattern without a slash matches the base name anywhere.
func MatchGlob(pattern, name string) bool {
	if !strings.Contains(pattern, "/") {
		ok, _ := path.Match(pattern, path.Base(name))
		return ok
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// ExpandConfigPaths lists the manifest files under the config's directory
// that match its `paths` globs, in walk order (each directory's entries by
// name, as `kubectl apply -R -f` walks them).
func ExpandConfigPaths(f *File) ([]string, error) {
	root := f.Dir()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := p != root && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden {
				return filepath.SkipDir
			}
			return nil
		}
		if hidden || !d.Type().IsRegular() {
			return nil // .meshlint.yaml, .gitlab-ci.yml; FIFOs and the like are never opened
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		for _, pat := range f.Paths {
			if MatchGlob(strings.TrimPrefix(pat, "./"), rel) && source.IsManifestFile(p) {
				out = append(out, p)
				break
			}
		}
		return nil
	})
	return out, err
}

// Ignored reports whether a source path matches one of the config's ignore
// globs (relative to the config's directory).
func Ignored(f *File, p string) bool {
	if f == nil || len(f.Ignore) == 0 {
		return false
	}
	rel, ok := f.relative(p)
	if !ok {
		return false
	}
	for _, pat := range f.Ignore {
		if matchConfigGlob(strings.TrimPrefix(pat, "./"), rel) {
			return true
		}
	}
	return false
}

// matchConfigGlob matches a path relative to the config's directory
// against a glob of the config: a directory's glob matches what is under it.
func matchConfigGlob(pat, rel string) bool {
	return MatchGlob(pat, rel) || MatchGlob(strings.TrimSuffix(pat, "/")+"/**", rel)
}

// relative returns the slash-separated path of p relative to the config's
// directory; ok is false when p is outside it.
func (f *File) relative(p string) (rel string, ok bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	rootAbs, _ := filepath.Abs(f.Dir())
	rel, err = filepath.Rel(rootAbs, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

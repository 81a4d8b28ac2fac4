package lint

import (
	"io/fs"
	"path"
	"path/filepath"
	"sort"
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
// that match its `paths` globs, sorted.
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
	sort.Strings(out)
	return out, err
}

// Ignored reports whether a source path matches one of the config's ignore
// globs (relative to the config's directory).
func Ignored(f *File, p string) bool {
	if f == nil || len(f.Ignore) == 0 {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	rootAbs, _ := filepath.Abs(f.Dir())
	rel, err := filepath.Rel(rootAbs, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, pat := range f.Ignore {
		pat = strings.TrimPrefix(pat, "./")
		if MatchGlob(pat, rel) || MatchGlob(strings.TrimSuffix(pat, "/")+"/**", rel) {
			return true
		}
	}
	return false
}

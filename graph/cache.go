package graph

import (
	"bytes"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
)

// FileCache is Load for a front end that loads the same files again and
// again, such as the language server after every keystroke: a source
// whose name, content and flags are those of the previous Load is not
// parsed again. Parsing is most of the cost of a load, and an edit
// changes one file. Parsed files are not modified by Build, so graphs
// may share them. A FileCache is not for concurrent use.
type FileCache struct {
	files map[string]cachedFile
}

type cachedFile struct {
	src    source.Source
	limits yamldoc.Limits
	file   *yamldoc.LoadedFile
}

// Load is graph.Load, parsing only the sources that changed; it keeps
// the files of these sources, and forgets the others.
func (c *FileCache) Load(sources []source.Source, opts Options) *Graph {
	limits := opts.Limits.WithDefaults()
	files := make([]*yamldoc.LoadedFile, len(sources))
	var changed []source.Source
	var at []int
	for i, s := range sources {
		if cf, ok := c.files[s.Path]; ok && cf.limits == limits && sameSource(cf.src, s) {
			files[i] = cf.file
			continue
		}
		changed = append(changed, s)
		at = append(at, i)
	}
	for j, f := range yamldoc.LoadAll(changed, limits) {
		files[at[j]] = f
	}
	next := make(map[string]cachedFile, len(sources))
	for i, s := range sources {
		next[s.Path] = cachedFile{src: s, limits: limits, file: files[i]}
	}
	c.files = next
	return Build(files, opts)
}

func sameSource(a, b source.Source) bool {
	return a.Found == b.Found && a.HelmChart == b.HelmChart && bytes.Equal(a.Content, b.Content)
}

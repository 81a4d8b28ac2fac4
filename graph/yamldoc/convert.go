package yamldoc

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/parallel"
)

// LoadAll parses sources in parallel. Each worker also converts the
// documents of its file that hold no aliases and releases their node
// trees, so that a large mesh never holds all of its trees at once: they
// were more than half of its memory.
func LoadAll(sources []source.Source, limits Limits) []*LoadedFile {
	limits = limits.WithDefaults()
	files := make([]*LoadedFile, len(sources))
	var next atomic.Int64 // files differ in size: each worker takes the next
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			strings := newInterner()
			for i := int(next.Add(1)) - 1; i < len(sources); i = int(next.Add(1)) - 1 {
				files[i] = loadFile(sources[i], limits, pathFast, strings)
				files[i].convertPlain(limits, strings)
			}
		}()
	}
	wg.Wait()
	return files
}

// convertPlain converts the documents without aliases, which the alias
// budgets never refuse, and releases their trees; a lookup parses a tree
// again when a finding needs a position.
func (lf *LoadedFile) convertPlain(l Limits, strings *interner) {
	for _, d := range lf.Documents {
		if d.aliases || d.converted {
			continue // Values decides, in document order, what aliases may add
		}
		v, hasNull, err := convertShared(d.Root(), l.MaxAliasExpanded, l.MaxDepth, strings)
		if err != nil {
			continue // Values converts it again and reports why
		}
		d.value, d.hasNull, d.converted = v, hasNull, true
		d.release()
	}
}

// Values converts documents to plain values (map[string]any and the
// rest, aliases and merge keys resolved). Converting is independent per
// document and runs in parallel; the alias limits refuse documents first,
// in document order and without building values, so that the outcome
// does not depend on scheduling. A refused document has a nil value and
// a problem saying which limit refused it.
func Values(docs []*Document, l Limits) (values []any, refused []*Problem) {
	l = l.WithDefaults()
	values = make([]any, len(docs))
	errs := refuseTotalExpansion(docs, l)
	parallel.For(len(docs), func(i int) {
		switch d := docs[i]; {
		case errs[i] != nil:
		case d.converted:
			values[i] = d.value
		default:
			values[i], d.hasNull, errs[i] = convertDocument(d.Root(), l.MaxAliasExpanded, l.MaxDepth)
		}
	})
	refused = make([]*Problem, len(docs))
	for i, err := range errs {
		if err != nil {
			p := expansionProblem(docs[i], err, l)
			refused[i] = &p
		}
	}
	return values, refused
}

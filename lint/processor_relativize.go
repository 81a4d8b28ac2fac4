package lint

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

// relativize rewrites file names relative to the working directory when
// they lie below it, slash-separated, as the output contract requires.
type relativize struct {
	dir string // "" leaves names alone
}

func (relativize) Name() string { return "relativize" }

func (p relativize) Process(_ context.Context, run *Run) error {
	if p.dir == "" {
		return nil
	}
	for _, f := range run.Findings {
		p.rel(&f.Location)
		for i := range f.Related {
			p.rel(&f.Related[i].Location)
		}
		for _, fix := range f.Fixes {
			for i := range fix.Edits {
				p.rel(&fix.Edits[i].Location)
			}
		}
	}
	return nil
}

func (p relativize) rel(loc *graph.Location) { loc.File = p.name(loc.File) }

// name is file as findings name it.
func (p relativize) name(file string) string {
	if p.dir == "" {
		return file
	}
	if filepath.IsAbs(file) {
		if r, err := filepath.Rel(p.dir, file); err == nil && !strings.HasPrefix(r, "..") {
			file = r
		}
	}
	return filepath.ToSlash(file)
}

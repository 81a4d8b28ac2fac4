package lint

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
)

// MaxFixPasses bounds how often Fix applies fixes and lints again, for the fixes that
// overlapped an applied one, or that the applied ones made possible (a
// document moved before another may then need a Namespace before it).
const MaxFixPasses = 10

// FileFix is what fixing changed in one file.
type FileFix struct {
	Path            string // as the source names it
	Original, Fixed []byte
	Applied         map[string]int // fixes applied, by rule ID
	// Refused counts the fixes not applied because the file would not
	// have parsed as before with them (a bug in a fix, never a guess).
	Refused int
}

// FixResult is the fixed content of every file that changed, in the order
// of the sources, and the report on the fixed sources.
type FixResult struct {
	Files []*FileFix
	*Result
}

// Fix lints sources, applies the suggested fixes of the findings the run
// reports (suppressed ones are left alone) and lints again, until no fix
// applies or MaxFixPasses is reached. It writes nothing: the caller
// decides where the fixed content goes. The Result is the report on the
// fixed content, which the exit code follows.
func Fix(ctx context.Context, sources []source.Source, opts Options) (*FixResult, error) {
	current := slices.Clone(sources)
	files := map[string]*FileFix{}
	names := relativize{dir: opts.WorkDir} // edits name files as findings do
	for pass := 0; ; pass++ {
		res, err := Lint(ctx, current, opts)
		if err != nil {
			return nil, err
		}
		if pass == MaxFixPasses || !applyPass(current, res.Findings, files, names) {
			return fixResult(current, files, res), nil
		}
	}
}

// fixResult lists the files that changed, or whose fixes were refused.
func fixResult(current []source.Source, files map[string]*FileFix, res *Result) *FixResult {
	out := &FixResult{Result: res}
	for _, s := range current {
		if ff := files[s.Path]; ff != nil && (ff.Refused > 0 || !bytes.Equal(ff.Original, s.Content)) {
			ff.Fixed = s.Content
			out.Files = append(out.Files, ff)
		}
	}
	return out
}

// applyPass applies, file by file, the fixes of findings; it reports
// whether any file changed.
func applyPass(sources []source.Source, findings []*analyzers.Finding, files map[string]*FileFix, names relativize) bool {
	byFile := fixesByFile(findings)
	changed := false
	for i := range sources {
		s := &sources[i]
		fixes := byFile[names.name(s.Path)]
		if len(fixes) == 0 {
			continue
		}
		ff := files[s.Path]
		if ff == nil {
			ff = &FileFix{Path: s.Path, Original: s.Content, Applied: map[string]int{}}
			files[s.Path] = ff
		}
		out, applied, refused := applyChecked(s.Path, s.Content, fixes)
		if refused > 0 {
			ff.Refused = refused // the same fixes come back on each pass: not a sum
		}
		if len(applied) == 0 {
			continue
		}
		for _, a := range applied {
			ff.Applied[a.Rule]++
		}
		s.Content, changed = out, true
	}
	return changed
}

// applyChecked applies fixes to content as ApplyFixes does, keeping only
// fixes with which the file still parses as before: all of them when it
// does, else each in turn that does with those kept before it. refused
// counts the others (not those left for the next pass as overlapping).
func applyChecked(path string, content []byte, fixes []RuleFix) (out []byte, applied []RuleFix, refused int) {
	if out, applied, err := ApplyFixes(content, fixes); err == nil && reparses(path, content, out) {
		return out, applied, 0
	}
	var kept []RuleFix
	out = content
	for _, fix := range fixes {
		o, a, err := ApplyFixes(content, append(slices.Clone(kept), fix))
		switch {
		case err == nil && len(a) == len(applied):
			continue // overlaps a kept fix: for the next pass
		case err != nil || !reparses(path, content, o):
			refused++
			continue
		}
		kept = append(kept, fix)
		out, applied = o, a
	}
	return out, applied, refused
}

// RuleFix is a fix with the rule whose finding carries it.
type RuleFix struct {
	Rule string
	analyzers.SuggestedFix
}

// fixesByFile gathers the fixes of the reported findings by the file their
// edits are in, each distinct fix once (several findings may carry the
// same move of a document). A fix with edits in several files is left
// out: it cannot be applied one file at a time.
func fixesByFile(findings []*analyzers.Finding) map[string][]RuleFix {
	out := map[string][]RuleFix{}
	seen := map[string]bool{}
	for _, f := range findings {
		if f.Suppressed {
			continue
		}
		for _, fix := range f.Fixes {
			file, ok := fixFile(fix)
			key := fmt.Sprint(file, fix.Edits)
			if !ok || seen[key] {
				continue
			}
			seen[key] = true
			out[file] = append(out[file], RuleFix{Rule: f.Rule.ID, SuggestedFix: fix})
		}
	}
	return out
}

func fixFile(fix analyzers.SuggestedFix) (string, bool) {
	if len(fix.Edits) == 0 {
		return "", false
	}
	file := fix.Edits[0].Location.File
	for _, e := range fix.Edits {
		if e.Location.File != file {
			return "", false
		}
	}
	return file, true
}

// span is an edit as byte offsets.
type span struct {
	start, end int
	text       string
}

// ApplyFixes applies fixes to content in order: a fix whose edits overlap
// those of a fix applied before it (or each other) is skipped, to be
// found again on the next pass. It returns the new content and the fixes
// applied. An edit outside content is an error: the fixes were computed
// on other content.
func ApplyFixes(content []byte, fixes []RuleFix) ([]byte, []RuleFix, error) {
	var taken []span
	var applied []RuleFix
	for _, fix := range fixes {
		spans, err := spansOf(content, fix.Edits)
		if err != nil {
			return nil, nil, err
		}
		if overlapsAny(spans, spans, true) || overlapsAny(spans, taken, false) {
			continue
		}
		taken = append(taken, spans...)
		applied = append(applied, fix)
	}
	// By start, an insertion before a replacement that starts there.
	slices.SortFunc(taken, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	var b bytes.Buffer
	at := 0
	for _, s := range taken {
		b.Write(content[at:s.start])
		b.WriteString(s.text)
		at = s.end
	}
	b.Write(content[at:])
	return b.Bytes(), applied, nil
}

func spansOf(content []byte, edits []analyzers.TextEdit) ([]span, error) {
	out := make([]span, 0, len(edits))
	for _, e := range edits {
		a := yamldoc.ByteOffset(content, e.Location.Start)
		b := yamldoc.ByteOffset(content, e.Location.End)
		if a < 0 || b < a {
			return nil, fmt.Errorf("%s: edit at %d:%d is outside the file", e.Location.File, e.Location.Start.Line, e.Location.Start.Column)
		}
		out = append(out, span{a, b, e.NewText})
	}
	return out, nil
}

// overlapsAny reports whether an edit of xs overlaps one of ys: their
// ranges intersect, or both insert at the same place (which would leave
// their order undefined). An insertion where a replacement starts or
// ends touches nothing of it. self compares a list with itself.
func overlapsAny(xs, ys []span, self bool) bool {
	for i, x := range xs {
		for j, y := range ys {
			if self && i == j {
				continue
			}
			if x.start < y.end && y.start < x.end || x.start == x.end && y.start == y.end && x.start == y.start {
				return true
			}
		}
	}
	return false
}

// reparses reports whether fixed content parses as well as the original:
// no more syntax problems and as many documents. A fix that breaks the
// YAML is a bug, and the file is then left as it was.
func reparses(path string, before, after []byte) bool {
	a := yamldoc.LoadFile(source.Source{Path: path, Content: before}, yamldoc.Limits{})
	b := yamldoc.LoadFile(source.Source{Path: path, Content: after}, yamldoc.Limits{})
	return syntaxProblems(b) <= syntaxProblems(a) && len(b.Documents) == len(a.Documents)
}

func syntaxProblems(lf *yamldoc.LoadedFile) int {
	n := 0
	for _, p := range lf.Problems {
		if p.Kind == yamldoc.ProblemSyntax {
			n++
		}
	}
	return n
}

// Summary says what fixing did to one file, for stderr:
// "fixed deploy/vs.yaml: ML0110 ×2, ML7001".
func (ff *FileFix) Summary() string {
	ids := make([]string, 0, len(ff.Applied))
	for id := range ff.Applied {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id
		if n := ff.Applied[id]; n > 1 {
			parts[i] = fmt.Sprintf("%s x%d", id, n)
		}
	}
	return strings.Join(parts, ", ")
}

package lint

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/lazyre"
)

// The three ways the analyzed files silence findings (docs/suppressions.md).
const (
	// IgnoreComment starts a YAML comment on a finding's line or alone on
	// the line before it: `# meshlint:ignore ML1102,ML2001 reason`.
	IgnoreComment = "meshlint:ignore"
	// IgnoreAnnotation covers a whole resource: "ML1102,ML2001: reason".
	IgnoreAnnotation = "meshlint.io/ignore"
	// IstioctlAnnotation is istioctl analyze's own: istioctl codes,
	// comma-separated, or `*` for every code; it has no room for a reason.
	IstioctlAnnotation = "galley.istio.io/analyze-suppress"
)

// directive is one suppression written in the analyzed files.
type directive struct {
	// where it is written: a comment's position, or the annotation's
	// Resource and Path.
	loc      graph.Location
	resource *graph.Resource
	path     string
	line     int // a comment's: the line whose findings it silences
	istioctl bool
	keys     []*suppressKey
	reason   string
}

// suppressKey is one rule key of a directive and what it resolved to.
type suppressKey struct {
	text    string
	rules   map[*analyzers.Rule]bool
	unknown bool // names no rule (a typo): reported, suppresses nothing
	used    bool
}

var istioCode = lazyre.New(`^IST[0-9]{4}$`)

// ruleIndex finds rules by key as analyzers.Lookup does (an ID, name or
// retired name first, else every rule with the istioctl code or
// analyzer), in constant time: an annotation may hold millions of keys.
type ruleIndex struct {
	all           []*analyzers.Rule
	direct, codes map[string][]*analyzers.Rule
}

func newRuleIndex(all []*analyzers.Rule) *ruleIndex {
	x := &ruleIndex{all: all, direct: map[string][]*analyzers.Rule{}, codes: map[string][]*analyzers.Rule{}}
	for _, r := range all {
		for _, k := range append([]string{r.ID, r.Name}, r.Retired...) {
			if k = strings.ToLower(k); x.direct[k] == nil {
				x.direct[k] = []*analyzers.Rule{r}
			}
		}
		for _, k := range append(slices.Clone(r.Istio), r.IstioAnalyzers...) {
			k = strings.ToLower(k)
			x.codes[k] = append(x.codes[k], r)
		}
	}
	return x
}

func (x *ruleIndex) lookup(key string) []*analyzers.Rule {
	key = strings.ToLower(key)
	if rs, ok := x.direct[key]; ok {
		return rs
	}
	return x.codes[key]
}

// resolveKeys looks the keys up among all the rules. istioctl's
// annotation may name codes no meshlint rule reproduces (IST0103): they
// suppress nothing and are not mistakes.
func resolveKeys(texts []string, x *ruleIndex, istioctl bool) []*suppressKey {
	var keys []*suppressKey
	seen := map[string]bool{}
	for _, t := range texts {
		if seen[t] {
			continue // written twice, it is one key
		}
		seen[t] = true
		k := &suppressKey{text: t, rules: map[*analyzers.Rule]bool{}}
		found := x.lookup(t)
		if istioctl && t == "*" {
			found = x.all
		}
		for _, r := range found {
			k.rules[r] = true
		}
		k.unknown = len(found) == 0 && !(istioctl && istioCode.MatchString(t))
		keys = append(keys, k)
	}
	return keys
}

// parseComment reads `meshlint:ignore KEYS reason` from a comment's text,
// at its start or after another `#`; ok is false for any other comment. KEYS are comma-separated, with or
// without blanks after the commas; the reason is the rest, after an
// optional "-", "--" or ":".
func parseComment(text string) (keys []string, reason string, ok bool) {
	// YAML has one comment per line: `# note # meshlint:ignore ...` is
	// one comment whose second part is the directive.
	for {
		if keys, reason, ok = parseDirective(text); ok {
			return keys, reason, true
		}
		_, after, found := strings.Cut(text, "#")
		if !found {
			return nil, "", false
		}
		text = strings.TrimSpace(after)
	}
}

// parseDirective is parseComment for the part of a comment after a `#`.
func parseDirective(text string) (keys []string, reason string, ok bool) {
	rest, ok := strings.CutPrefix(text, IgnoreComment)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil, "", false
	}
	fields := strings.Fields(rest)
	i := 0
	for i < len(fields) {
		f, last := strings.CutSuffix(fields[i], ":") // "ML1102: reason"
		keys = append(keys, splitKeys(f)...)
		i++
		if last || !strings.HasSuffix(f, ",") && (i >= len(fields) || !strings.HasPrefix(fields[i], ",")) {
			break
		}
	}
	return keys, trimReason(strings.Join(fields[i:], " ")), true
}

// parseIgnoreAnnotation reads "KEYS: reason".
func parseIgnoreAnnotation(value string) (keys []string, reason string) {
	list, reason, _ := strings.Cut(value, ":")
	return splitKeys(list), strings.TrimSpace(reason)
}

// splitKeys splits a comma-separated list, dropping blanks and empty items.
func splitKeys(list string) []string {
	var keys []string
	for k := range strings.SplitSeq(list, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

func trimReason(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"--", "-", ":", "—"} {
		if t, ok := strings.CutPrefix(s, sep); ok {
			return strings.TrimSpace(t)
		}
	}
	return s
}

// readDirectives reads the suppressions of the analyzed files: comments
// file by file, then annotations resource by resource.
func readDirectives(g *graph.Graph, all []*analyzers.Rule) []*directive {
	x := newRuleIndex(all)
	comments := g.Comments(IgnoreComment)
	files := make([]string, 0, len(comments))
	for f := range comments {
		files = append(files, f)
	}
	slices.Sort(files)
	var out []*directive
	for _, f := range files {
		out = append(out, commentDirectives(f, comments[f], x)...)
	}
	for _, r := range g.Resources {
		if r.Implied == "" {
			out = append(out, annotationDirectives(r, x)...)
		}
	}
	return out
}

// commentDirectives reads a file's ignore comments. One alone on its line
// silences the next line that is not only a comment (they stack).
func commentDirectives(file string, cs []graph.Comment, x *ruleIndex) []*directive {
	var out []*directive
	for _, c := range cs {
		keys, reason, ok := parseComment(c.Text)
		if !ok {
			continue
		}
		d := &directive{line: c.Subject, keys: resolveKeys(keys, x, false), reason: reason}
		d.loc = graph.Location{File: file, Range: graph.Range{
			Start: graph.Position{Line: c.Line, Column: c.Column}, End: graph.Position{Line: c.Line, Column: c.EndColumn}}}
		out = append(out, d)
	}
	return out
}

// annotationDirectives reads a resource's two suppression annotations.
func annotationDirectives(r *graph.Resource, x *ruleIndex) []*directive {
	var out []*directive
	for _, name := range []string{IgnoreAnnotation, IstioctlAnnotation} {
		value, ok := r.Annotations[name]
		if !ok || graph.HasPlaceholder(value) {
			continue
		}
		d := &directive{resource: r, path: graph.JoinPath("metadata.annotations", name), istioctl: name == IstioctlAnnotation}
		d.loc = r.Location(d.path)
		if d.istioctl {
			d.keys = resolveKeys(splitKeys(value), x, true)
		} else {
			var keys []string
			keys, d.reason = parseIgnoreAnnotation(value)
			d.keys = resolveKeys(keys, x, false)
		}
		out = append(out, d)
	}
	return out
}

package lint

import (
	"context"
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/input"
	"github.com/meshlint/meshlint/graph"
)

// suppress applies the suppressions written in the analyzed files
// (suppress_parse.go): the findings they match are kept, marked
// suppressed with the reason given. Then it reports, when their rules
// run, the suppressions that gave no reason or named no rule (ML0010) and
// those that matched nothing although their rules ran (ML0009), so that
// they do not outlive the findings they were written for. Off, it reads
// none and reports none: only the config and the baseline suppress.
type suppress struct {
	off bool
	all []*analyzers.Rule // to resolve keys: a rule that did not run is not unknown
}

func (suppress) Name() string { return "suppress" }

func (p suppress) Process(_ context.Context, run *Run) error {
	if p.off {
		return nil
	}
	ds := readDirectives(run.Graph, p.all)
	if len(ds) == 0 {
		return nil
	}
	apply(ds, run.Findings)
	ran := map[*analyzers.Rule]bool{}
	for _, r := range run.Rules {
		ran[r] = true
	}
	for _, d := range ds {
		run.Findings = append(run.Findings, d.findings(ran)...)
	}
	return nil
}

// apply marks the findings that directives match: by line for comments,
// by resource for annotations.
func apply(ds []*directive, findings []*analyzers.Finding) {
	type fileLine struct {
		file string
		line int
	}
	byLine := map[fileLine][]*directive{}
	byResource := map[*graph.Resource][]*directive{}
	for _, d := range ds {
		if d.resource != nil {
			byResource[d.resource] = append(byResource[d.resource], d)
		} else {
			byLine[fileLine{d.loc.File, d.line}] = append(byLine[fileLine{d.loc.File, d.line}], d)
		}
	}
	for _, f := range findings {
		at := byLine[fileLine{f.Location.File, f.Location.Start.Line}]
		if f.Resource != nil {
			at = append(at[:len(at):len(at)], byResource[f.Resource]...)
		}
		for _, d := range at {
			d.match(f)
		}
	}
}

// match suppresses f if one of d's keys names its rule. A finding that
// an earlier directive suppressed still marks d used: of two suppressions
// of one finding, neither is unused.
func (d *directive) match(f *analyzers.Finding) {
	for _, k := range d.keys {
		if !k.rules[f.Rule] {
			continue
		}
		k.used = true
		if !f.InSource {
			f.Suppressed, f.InSource, f.Reason = true, true, d.reason
		}
	}
}

// findings are what is wrong with d: ML0010 for a missing reason and for
// unknown keys, ML0009 for keys whose rules ran and matched nothing.
func (d *directive) findings(ran map[*analyzers.Rule]bool) []*analyzers.Finding {
	var out []*analyzers.Finding
	add := func(rule *analyzers.Rule, format string, args ...any) {
		if ran[rule] {
			f := &analyzers.Finding{Rule: rule, Severity: rule.Severity, Message: fmt.Sprintf(format, args...),
				Resource: d.resource, Path: d.path, Location: d.loc, Key: format}
			out = append(out, f)
		}
	}
	var unknown, unused []string
	for _, k := range d.keys {
		switch {
		case k.unknown:
			unknown = append(unknown, k.text)
		case !k.used && !d.istioctl && anyRan(k.rules, ran):
			// istioctl's annotation may be there for istioctl, which
			// reports what meshlint deliberately does not (docs/istioctl.md).
			unused = append(unused, k.text)
		}
	}
	if len(unknown) > 0 {
		add(input.InvalidSuppression, "suppression names no rule %s: it silences nothing; write a rule ID, name or istioctl code (meshlint rules lists them)", quoteAll(unknown))
	}
	if len(d.keys) == 0 {
		add(input.InvalidSuppression, "suppression names no rule: it silences nothing; write the IDs of the rules to silence, e.g. %s", d.example())
	} else if d.reason == "" && !d.istioctl {
		add(input.InvalidSuppression, "suppression gives no reason: it applies, but the next reader cannot tell why the finding is wrong here; write one after the rules, e.g. %s", d.example())
	}
	if len(unused) > 0 {
		add(input.UnusedSuppression, "suppression of %s matches no finding %s: remove it (or the rule IDs no longer needed)", listKeys(unused, func(s string) string { return s }), d.scope())
	}
	return out
}

func anyRan(rules map[*analyzers.Rule]bool, ran map[*analyzers.Rule]bool) bool {
	for r := range rules {
		if ran[r] {
			return true
		}
	}
	return false
}

// example shows d's syntax with a reason.
func (d *directive) example() string {
	keys := "ML1102"
	if len(d.keys) > 0 {
		keys = d.keys[0].text
	}
	if d.resource != nil {
		return fmt.Sprintf("%s: \"%s: the host is defined in another repository\"", IgnoreAnnotation, keys)
	}
	return fmt.Sprintf("`# %s %s the host is defined in another repository`", IgnoreComment, keys)
}

// scope says what d covers, for messages.
func (d *directive) scope() string {
	if d.resource != nil {
		return "on " + d.resource.String()
	}
	// Not the line's number: the fingerprint of a finding without a
	// resource hashes its message, which must survive lines added above.
	if d.line != d.loc.Start.Line {
		return "on the line it stands above"
	}
	return "on its line"
}

// listed is how many keys a message names at most.
const listed = 5

// quoteAll quotes keys for a message, the first few of them.
func quoteAll(ss []string) string {
	return listKeys(ss, func(s string) string { return fmt.Sprintf("%q", s) })
}

func listKeys(ss []string, format func(string) string) string {
	var q []string
	for _, s := range ss[:min(len(ss), listed)] {
		q = append(q, format(s))
	}
	if len(ss) > listed {
		q = append(q, fmt.Sprintf("and %d more", len(ss)-listed))
	}
	return strings.Join(q, ", ")
}

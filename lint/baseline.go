package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
)

// A baseline records the findings a team has accepted, so that a check on
// an existing mesh reports only what is new. Findings are matched by
// fingerprint (rule, resource, field path and what the mistake is; never
// the line or the message, whose hints change with other files), and
// counted: a baseline that holds a finding twice absorbs two of them.

// BaselineVersion is the version of the baseline file format written.
// Version 1 fingerprinted the message; it is still read and matched the
// way it was written, and --write-baseline rewrites it as version 2.
const BaselineVersion = "2"

// Baseline is a set of accepted findings.
type Baseline struct {
	// fingerprint is the fingerprint of the file's version.
	fingerprint func(*analyzers.Finding) string
	// counts maps a fingerprint to how many findings it still absorbs.
	counts map[string]int
	// Entries is the number of findings the baseline records.
	Entries int
}

// baselineFile is the on-disk form: the fingerprint is what matches; the
// other fields let a reviewer read what was accepted.
type baselineFile struct {
	Version  string          `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Resource    string `json:"resource,omitempty"`
	Path        string `json:"path,omitempty"`
	Message     string `json:"message"`
}

// ReadBaseline reads a baseline file written by MarshalBaseline. Errors
// name the file, and the line and column of a JSON syntax error.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := source.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, err := ParseBaseline(data)
	if err != nil {
		return nil, fmt.Errorf("%s%v", path, err)
	}
	return b, nil
}

// ParseBaseline parses the content of a baseline file; an error starts
// with ":line:col: " when it has a position, else with ": ".
func ParseBaseline(data []byte) (*Baseline, error) {
	var f baselineFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(data, dec, err)
	}
	b := &Baseline{counts: map[string]int{}, Entries: len(f.Findings)}
	switch f.Version {
	case BaselineVersion:
		b.fingerprint = (*analyzers.Finding).Fingerprint
	case "1":
		b.fingerprint = (*analyzers.Finding).FingerprintV1
	default:
		return nil, fmt.Errorf(": not a meshlint baseline of version 1 or %s (version is %q)", BaselineVersion, f.Version)
	}
	for i, e := range f.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf(": findings[%d] has no fingerprint", i)
		}
		b.counts[e.Fingerprint]++
	}
	return b, nil
}

// jsonError words a decoding error with the line and column it points at.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	offset := dec.InputOffset()
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	line, col := lineCol(data, offset)
	return fmt.Errorf(":%d:%d: not a meshlint baseline: %v", line, col, err)
}

// lineCol converts a byte offset into a 1-based line and byte column.
func lineCol(data []byte, offset int64) (int, int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// BaselineOf is the baseline that records findings (those of an earlier
// revision, for --new-from-rev), with the current fingerprint.
func BaselineOf(findings []*analyzers.Finding) *Baseline {
	b := &Baseline{fingerprint: (*analyzers.Finding).Fingerprint, counts: map[string]int{}, Entries: len(findings)}
	for _, f := range findings {
		b.counts[b.fingerprint(f)]++
	}
	return b
}

// Apply marks the findings the baseline absorbs as suppressed and returns
// how many baseline entries matched no finding (fixed since the baseline
// was written). A report's summary needs recounting afterwards.
func (b *Baseline) Apply(findings []*analyzers.Finding) (stale int) {
	return b.absorb(findings, func(f *analyzers.Finding) { f.Suppressed = true })
}

// Drop returns the findings the baseline does not absorb, and how many it
// absorbed; findings already suppressed are kept and absorb nothing.
func (b *Baseline) Drop(findings []*analyzers.Finding) (kept []*analyzers.Finding, dropped int) {
	gone := map[*analyzers.Finding]bool{}
	b.absorb(findings, func(f *analyzers.Finding) { gone[f] = true })
	for _, f := range findings {
		if !gone[f] {
			kept = append(kept, f)
		}
	}
	return kept, len(gone)
}

// absorb calls match on each unsuppressed finding whose fingerprint has an
// entry left, using the entry up, and returns the entries left over.
func (b *Baseline) absorb(findings []*analyzers.Finding, match func(*analyzers.Finding)) (stale int) {
	left := make(map[string]int, len(b.counts))
	for fp, n := range b.counts {
		left[fp] = n
	}
	for _, f := range findings {
		if f.Suppressed {
			continue
		}
		if fp := b.fingerprint(f); left[fp] > 0 {
			left[fp]--
			match(f)
		}
	}
	for _, n := range left {
		stale += n
	}
	return stale
}

// MarshalBaseline records findings (Result.NewBaseline: every finding,
// suppressed by a previous baseline or not; the new baseline is the current
// state). The output is sorted by file, line and rule, so that it diffs well.
func MarshalBaseline(findings []*analyzers.Finding) ([]byte, error) {
	findings = slices.Clone(findings)
	sort.SliceStable(findings, func(i, j int) bool { return analyzers.Less(findings[i], findings[j]) })
	f := baselineFile{Version: BaselineVersion, Findings: []baselineEntry{}}
	for _, fd := range findings {
		e := baselineEntry{Fingerprint: fd.Fingerprint(), Rule: fd.Rule.ID, File: fd.Location.File, Path: fd.Path, Message: fd.Message}
		if r := fd.Resource; r != nil {
			e.Resource = r.String()
		}
		f.Findings = append(f.Findings, e)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // messages quote hosts and paths, not HTML
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

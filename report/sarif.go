package report

import (
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/lazyre"
)

const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	toolName       = "meshlint"
	toolURI        = "https://github.com/meshlint/meshlint"
	// srcRoot is the uriBaseId of every relative artifact URI. The log
	// leaves originalUriBaseIds out: the uploader (GitHub code scanning)
	// knows where the checkout is, meshlint does not.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names the fingerprint scheme; bump the suffix if the
	// hashed fields ever change, so old and new alerts are not confused.
	fingerprintKey = "meshlint/v2"
)

// The sarif* types hold the subset of SARIF 2.1.0 meshlint writes. They are
// structs rather than maps so that the output is deterministic and its
// shape is visible in one place.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// ColumnKind: graph columns count Unicode code points (yaml.v3 and
	// yamldoc.NodeRange count runes), not the UTF-16 units SARIF may assume.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      sarifText           `json:"fullDescription"`
	Help                 sarifHelp           `json:"help"`
	HelpURI              string              `json:"helpUri"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags  []string `json:"tags"`
	Istio []string `json:"istio"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints sarifFingerprints  `json:"partialFingerprints"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
}

// sarifFix is SARIF's fix object: what it does, and the replacements in
// each file (meshlint's fixes edit one file each).
type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

// sarifReplacement deletes a region (empty: nothing) and inserts text
// where it began.
type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

// sarifLocation serves both the primary location and related ones. Related
// locations are numbered from 1 so that omitempty can drop the id of the
// primary location (SARIF's default id is -1, "none"). A related location
// without a file (an implied resource, which Istio creates) has no
// physical location, only its message.
type sarifLocation struct {
	ID               int                    `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	Kind               string `json:"kind"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
}

type sarifFingerprints struct {
	MeshlintV2 string `json:"meshlint/v2"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// writeSARIF writes one run with every rule that ran, so that code
// scanning can close alerts of rules that no longer fire, and one result
// per finding. Suppressed findings stay in the log, marked, which is how
// code scanning learns that an alert was dismissed on purpose.
func writeSARIF(w io.Writer, rep *analyzers.Report, opts Options) error {
	doc := sarifLogOf(rep, opts)
	results := doc.Runs[0].Results
	doc.Runs[0].Results = nil
	return encodeIndentedWithArray(w, doc, "results", results)
}

// sarifLogOf is the SARIF document of rep: one run, its rules and results.
func sarifLogOf(rep *analyzers.Report, opts Options) sarifLog {
	rules := sarifRuleSet(rep)
	index := make(map[string]int, len(rules))
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: toolName, Version: opts.ToolVersion, InformationURI: toolURI,
			Rules: make([]sarifRule, len(rules)),
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    make([]sarifResult, 0, len(rep.Findings)),
	}
	for i, r := range rules {
		index[r.ID] = i
		run.Tool.Driver.Rules[i] = sarifRuleOf(r)
	}
	for _, f := range rep.Findings {
		run.Results = append(run.Results, sarifResultOf(f, index[f.Rule.ID]))
	}
	return sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}}
}

// sarifRuleSet returns the rules that ran, plus any rule a finding names
// that the list lacks (so every ruleIndex is valid), one per ID, sorted by
// ID. It works on a copy: the report's slice is not ours to reorder.
func sarifRuleSet(rep *analyzers.Report) []*analyzers.Rule {
	seen := make(map[string]bool)
	var rules []*analyzers.Rule
	add := func(r *analyzers.Rule) {
		if r != nil && !seen[r.ID] {
			seen[r.ID] = true
			rules = append(rules, r)
		}
	}
	for _, r := range rep.Rules {
		add(r)
	}
	for _, f := range rep.Findings {
		add(f.Rule)
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules
}

func sarifRuleOf(r *analyzers.Rule) sarifRule {
	short := firstNonEmpty(r.Summary, r.Name, r.ID)
	doc := firstNonEmpty(r.DocText(), short)
	tags := []string{}
	if c := r.Category(); c.Name != "" {
		tags = append(tags, c.Name)
	}
	return sarifRule{
		ID:               r.ID,
		Name:             r.Name,
		ShortDescription: sarifText{short},
		FullDescription:  sarifText{firstNonEmpty(plainParagraph(r.DocText()), short)},
		// Markdown reads well enough as plain text; viewers that render
		// Markdown (code scanning does) use the markdown field.
		Help:                 sarifHelp{Text: doc, Markdown: doc},
		HelpURI:              r.DocURL(),
		DefaultConfiguration: sarifConfiguration{sarifLevel(r.Severity)},
		Properties: sarifRuleProperties{
			Tags:  tags,
			Istio: append([]string{}, r.Istio...),
		},
	}
}

func sarifResultOf(f *analyzers.Finding, ruleIndex int) sarifResult {
	primary := sarifLocation{PhysicalLocation: sarifPhysical(f.Location)}
	if r := f.Resource; r != nil {
		primary.LogicalLocations = []sarifLogicalLocation{{
			Name: r.NamespacedName(), Kind: "resource", FullyQualifiedName: r.String(),
		}}
	}
	res := sarifResult{
		RuleID:              f.Rule.ID,
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(f.Severity),
		Message:             sarifText{f.Message},
		Locations:           []sarifLocation{primary},
		PartialFingerprints: sarifFingerprints{f.Fingerprint()},
	}
	for i, rel := range f.Related {
		loc := sarifLocation{ID: i + 1, Message: &sarifText{rel.Message}}
		if rel.Location.File != "" {
			loc.PhysicalLocation = sarifPhysical(rel.Location)
		}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	res.Fixes = sarifFixesOf(f.Fixes)
	switch {
	case f.Suppressed && f.InSource:
		// "inSource": a comment or an annotation in the file itself.
		res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.Reason}}
	case f.Suppressed:
		// "external": the suppression lives in meshlint's config or
		// baseline, not in a form SARIF can point into.
		res.Suppressions = []sarifSuppression{{Kind: "external"}}
	}
	return res
}

// sarifFixesOf renders fixes, the edits of one file grouped in one
// artifact change each, in the order of the edits.
func sarifFixesOf(fixes []analyzers.SuggestedFix) []sarifFix {
	var out []sarifFix
	for _, fix := range fixes {
		sf := sarifFix{Description: sarifText{fix.Message}}
		at := map[string]int{}
		for _, e := range fix.Edits {
			i, ok := at[e.Location.File]
			if !ok {
				i = len(sf.ArtifactChanges)
				at[e.Location.File] = i
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: sarifArtifact(e.Location.File)})
			}
			r := sarifReplacement{DeletedRegion: sarifRegionOf(e.Location.Range)}
			if e.NewText != "" {
				r.InsertedContent = &sarifText{e.NewText}
			}
			sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, r)
		}
		out = append(out, sf)
	}
	return out
}

// sarifLevel maps severities to SARIF levels; SARIF has no "info", its
// informational level is "note".
func sarifLevel(s analyzers.Severity) string {
	switch s {
	case analyzers.SeverityError:
		return "error"
	case analyzers.SeverityWarning:
		return "warning"
	}
	return "note"
}

func sarifPhysical(l graph.Location) *sarifPhysicalLocation {
	return &sarifPhysicalLocation{ArtifactLocation: sarifArtifact(l.File), Region: sarifRegionOf(l.Range)}
}

// sarifRegionOf clamps the range to what SARIF and code scanning accept:
// positions start at 1 (a file-level finding may have none), and a region
// never ends before it starts (a finding without an end position gets an
// empty region at its start).
func sarifRegionOf(r graph.Range) sarifRegion {
	start := graph.Position{Line: max(r.Start.Line, 1), Column: max(r.Start.Column, 1)}
	end := graph.Position{Line: max(r.End.Line, 1), Column: max(r.End.Column, 1)} // SARIF: both >= 1
	if end.Line < start.Line || (end.Line == start.Line && end.Column < start.Column) {
		end = start
	}
	return sarifRegion{StartLine: start.Line, StartColumn: start.Column, EndLine: end.Line, EndColumn: end.Column}
}

// sarifArtifact turns a file path into a URI reference. The CLI passes
// paths relative to the working directory (the repository root in CI);
// they become relative URIs against %SRCROOT%, which code scanning resolves
// to the checkout. An absolute path cannot be made relative to a root we do
// not know, so it becomes a file: URI of its own, without a base.
func sarifArtifact(file string) sarifArtifactLocation {
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/...
		}
		return sarifArtifactLocation{URI: "file://" + escapePath(p)}
	}
	return sarifArtifactLocation{URI: escapePath(p), URIBaseID: srcRoot}
}

// escapePath percent-encodes each segment of a slash-separated path.
// url.PathEscape leaves ':' alone, but "c:x.yaml" as a relative reference
// would read as scheme "c", so ':' is escaped too.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

var (
	markdownLink     = lazyre.New(`\[([^\]]*)\]\([^)]*\)`)
	markdownEmphasis = strings.NewReplacer("`", "", "**", "", "__", "")
)

// plainParagraph returns the first prose paragraph of a Markdown text
// (headings and code blocks skipped) as plain text on one line: SARIF's
// fullDescription is shown where Markdown is not rendered.
func plainParagraph(md string) string {
	for _, para := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "```") {
			continue
		}
		para = markdownLink.ReplaceAllString(para, "$1")
		return strings.Join(strings.Fields(markdownEmphasis.Replace(para)), " ")
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/lazyre"
	yaml "go.yaml.in/yaml/v3"
)

// LoadedFile is the result of parsing one source: its documents (one per
// object, List items expanded) and what could not be parsed.
type LoadedFile struct {
	Path      string
	Documents []*Document
	Problems  []Problem
	// Streams counts the YAML documents in the file, empty ones included.
	Streams int

	// relocateBudget is how many more bytes syntax errors may re-decode to
	// find their line (see problemLine).
	relocateBudget int
	// text is the file's content, for the documents' end positions.
	text *fileText
	// nodes is the pre-scan's count for the documents parsed so far.
	nodes int
	// Found is the source's Found: a file the user did not name.
	Found bool
	// claimsObject: see HoldsManifest.
	claimsObject bool
	// origins is the source's Origins, handed to its documents.
	origins source.Origins
}

// HoldsManifest reports whether the file may hold Kubernetes objects: one
// of its documents is a mapping with apiVersion or kind, or a part that did
// not parse has a line with either key, or a limit stopped the reading
// before anything could be told. A file found in a walk that holds none is
// another tool's (an Ansible playbook, JSON data), not a broken manifest.
func (lf *LoadedFile) HoldsManifest() bool { return lf.claimsObject }

// objectKeyLine matches a line that sets apiVersion or kind, in YAML
// (maybe as a sequence item) or in JSON.
var objectKeyLine = lazyre.New(`(?m)^[\s-]*"?(apiVersion|kind)"?\s*:|"(apiVersion|kind)"\s*:`)

// maxRelocateBytes bounds the re-decoding problemLine does per file, so that
// a large file full of syntax errors still loads quickly.
const maxRelocateBytes = 8 << 20

// LoadFile parses one source into documents. It never fails: every problem
// becomes a Problem with a position, and the documents that parsed are kept.
func LoadFile(src source.Source, limits Limits) *LoadedFile {
	return loadFile(src, limits, pathFast, nil)
}

// loadFile is LoadFile starting at the given path (the tests check that
// the paths load the same), sharing strings through in (nil: none).
func loadFile(src source.Source, limits Limits, path loadPath, in *interner) *LoadedFile {
	limits = limits.WithDefaults()
	if len(src.Content) <= limits.MaxFileBytes {
		src.Content = loneCRsAsLF(src.Content)
	}
	lf := &LoadedFile{Path: src.Path, Found: src.Found, relocateBudget: maxRelocateBytes, text: newFileText(src.Content), origins: src.Origins}
	for _, n := range src.Notes {
		lf.Problems = append(lf.Problems, Problem{Kind: ProblemKind(n.Kind), Location: PlaceLocation(n.Place), Message: n.Message})
	}
	if len(src.Content) > limits.MaxFileBytes {
		// Not its size: ReadSourcesLimit reads no more than one byte past the limit.
		lf.limitProblem(1, "file is larger than the limit of %d bytes; not linted (--max-file-size)", limits.MaxFileBytes)
		return lf
	}
	if filepath.Base(src.Path) == source.HelmChartFile {
		lf.claimsObject = true // its own finding says what to do with it
		lf.Problems = append(lf.Problems, helmChartProblem(src.Path))
		return lf
	}
	if src.Kustomization {
		lf.claimsObject = true
		lf.Problems = append(lf.Problems, kustomizationProblem(src.Path))
		return lf
	}
	if src.HelmChart != "" {
		lf.claimsObject = true
		lf.Problems = append(lf.Problems, helmTemplateProblem(src.Path, src.HelmChart))
		return lf
	}
	switch {
	case path <= pathFast && lf.loadFast(src.Content, limits, in):
	case path <= pathStream && lf.loadStream(src.Content, limits):
	default:
		lf.loadChunks(src.Content, limits)
	}
	return lf
}

// loadChunks parses a file chunk by chunk, a decoder for each, so that a
// syntax error in one document does not hide the others.
func (lf *LoadedFile) loadChunks(content []byte, limits Limits) {
	i := 0
	for ch := range documentChunks(content) {
		if i >= limits.MaxDocuments {
			lf.documentLimit(content[ch.start:], ch.firstLine, limits)
			break
		}
		lf.Streams++
		if !lf.loadChunk(ch, i, limits) {
			break
		}
		i++
	}
}

// loneCRsAsLF returns content with each CR that is not followed by LF (old
// Mac line ends) replaced by LF. YAML takes either as a line break, so the
// meaning and every line and column stay the same; but the loader cuts
// documents and reads lines at LF only, and a file of CR line ends was one
// line to it, where one syntax error hid every document.
func loneCRsAsLF(content []byte) []byte {
	var out []byte
	for i := 0; ; i++ {
		j := bytes.IndexByte(content[i:], '\r')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(content) && content[i+1] == '\n' {
			continue
		}
		if out == nil {
			out = bytes.Clone(content)
		}
		out[i] = '\n'
	}
	if out == nil {
		return content
	}
	return out
}

// helmChartProblem says that the chart beside a Chart.yaml is not linted.
func helmChartProblem(chartFile string) Problem {
	dir := filepath.Dir(chartFile)
	return Problem{
		Kind:     ProblemHelmChart,
		Location: Location{File: chartFile, Range: Range{Start: Position{1, 1}, End: Position{1, 1}}},
		Message: fmt.Sprintf("Helm chart %q not linted: its templates are YAML only once rendered; "+
			"lint them rendered: helm template %s | meshlint -", dir, dir),
	}
}

// kustomizationProblem says that a kustomization is read as written, not
// built: its resources are linted on their own, its patches not at all.
func kustomizationProblem(file string) Problem {
	dir := filepath.Dir(file)
	return Problem{
		Kind:     ProblemKustomization,
		Location: Location{File: file, Range: Range{Start: Position{1, 1}, End: Position{1, 1}}},
		Message: fmt.Sprintf("kustomization %q linted as written, not built: its resources are linted, its patches "+
			"(fragments, not objects) are not, and its name prefixes, namespaces and patches are not applied; "+
			"lint the build: meshlint -k %s", dir, dir),
	}
}

// helmTemplateProblem says that a template of a Helm chart, named on its
// own, is not linted unrendered.
func helmTemplateProblem(file, chart string) Problem {
	return Problem{
		Kind:     ProblemHelmChart,
		Location: Location{File: file, Range: Range{Start: Position{1, 1}, End: Position{1, 1}}},
		Message: fmt.Sprintf("template of Helm chart %q not linted: it is YAML only once rendered; "+
			"lint the chart rendered: helm template %s | meshlint -", chart, chart),
	}
}

// documentLimit reports the documents past --max-documents, from rest,
// which starts at line; unless none of them has content: a file that ends
// in a `---` or a comment has not lost anything.
func (lf *LoadedFile) documentLimit(rest []byte, line int, limits Limits) {
	if _, ok := firstContentLine(chunk{text: rest, firstLine: line}); ok {
		lf.limitProblem(line, "file has more than %d documents; the rest are not linted (--max-documents)", limits.MaxDocuments)
	}
}

// loadChunk parses one chunk (normally one YAML document) under the
// limits; it returns false when the file's node budget is spent and the
// rest of the file is not to be parsed.
func (lf *LoadedFile) loadChunk(ch chunk, index int, limits Limits) bool {
	if isBlankChunk(ch.text) {
		return true
	}
	scan, parse, more := lf.checkText(ch, limits)
	if !parse {
		return more
	}
	lf.decodeChunk(ch, index, scan, limits)
	return true
}

func (lf *LoadedFile) decodeChunk(ch chunk, index int, scan textScan, limits Limits) {
	end := ch.start + len(ch.text)
	ch.text = asYAML11(ch.text)
	dec := yaml.NewDecoder(bytes.NewReader(ch.text))
	var srcs []*docSource
	for seq := 0; ; seq++ {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			if len(srcs) == 1 && seq == 1 {
				srcs[0].alone = true
			}
			return
		}
		if err != nil {
			if !lf.depthProblem(err, ch, scan, limits) {
				lf.claimsObject = lf.claimsObject || objectKeyLine.Match(ch.text)
				lf.Problems = append(lf.Problems, syntaxProblem(lf.Path, err, ch, lf.text, &lf.relocateBudget))
			}
			return
		}
		if len(doc.Content) == 0 || isEmptyDocument(doc.Content[0]) {
			continue // an empty document: nothing to lint
		}
		aliases, ok := lf.checkTree(doc.Content[0], ch.firstLine-1, limits)
		if !ok {
			continue
		}
		shiftLines(&doc, ch.firstLine-1)
		lf.Problems = append(lf.Problems, duplicateKeys(lf.Path, doc.Content[0], lf.text)...)
		src := &docSource{text: ch.text, firstLine: ch.firstLine, seq: seq, start: ch.start, end: end}
		srcs = append(srcs, src)
		lf.addObject(doc.Content[0], index, src, aliases)
	}
}

// isBlankChunk reports whether a chunk is an empty document that yaml.v3
// would parse, without error, into nothing: blank lines, comments and a
// `---` marker, every character one YAML allows. A decoder costs about
// 5 KB, which a file of 100,000 `---` lines in a row turned into 500 MB.
func isBlankChunk(text []byte) bool {
	for l := range bytes.Lines(text) {
		l = bytes.TrimSuffix(l, []byte("\n"))
		if _, _, bad := unreadableChar(l); bad {
			return false
		}
		t := bytes.Trim(l, " \t\r")
		if isDocumentStart(l) {
			t = bytes.Trim(t[3:], " \t\r")
		}
		if len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}

// isEmptyDocument reports whether a document is null: nothing but its
// marker and comments (yaml.v3 gives it an implicit null scalar), or an
// explicit null. kubectl skips such documents.
func isEmptyDocument(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// addObject records a top-level node (or List item) as a document, expanding
// Lists into their items; src says how to parse the node again.
func (lf *LoadedFile) addObject(n *yaml.Node, index int, src *docSource, aliases bool) {
	if n.Kind == yaml.MappingNode && (MappingValue(n, "apiVersion") != nil || MappingValue(n, "kind") != nil) {
		lf.claimsObject = true
	}
	if n.Kind != yaml.MappingNode {
		lf.Problems = append(lf.Problems, Problem{
			Kind:     ProblemInvalidResource,
			Location: Location{File: lf.Path, Range: nodeRangeIn(n, lf.text)},
			Message:  fmt.Sprintf("document is a %s, not a Kubernetes object (a mapping with apiVersion, kind and metadata)", NodeKindName(n)),
		})
		return
	}
	if items := listItems(n); items != nil {
		for i, item := range items.Content {
			itemSrc := *src
			itemSrc.items = append(slices.Clip(src.items), i)
			lf.addObject(item, index, &itemSrc, aliases)
		}
		return
	}
	lf.Documents = append(lf.Documents, &Document{
		File: lf.Path, Index: index, ItemPath: itemPath(src.items), text: lf.text, keys: &keyIndex{},
		start: Position{n.Line, n.Column}, node: n, src: src, aliases: aliases, origins: lf.origins,
	})
}

// itemPath is the field path of a List item: items[3], items[0].items[2].
func itemPath(items []int) string {
	var b strings.Builder
	for _, i := range items {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		fmt.Fprintf(&b, "items[%d]", i)
	}
	return b.String()
}

// listItems returns the items sequence of a `kind: List` (or `*List`) object.
func listItems(n *yaml.Node) *yaml.Node {
	kind := MappingValue(n, "kind")
	if kind == nil || kind.Kind != yaml.ScalarNode || !strings.HasSuffix(kind.Value, "List") {
		return nil
	}
	items := MappingValue(n, "items")
	if items == nil || items.Kind != yaml.SequenceNode {
		return nil
	}
	return items
}

// chunk is one YAML document of a stream, cut at `---` markers so that a
// syntax error in one document does not hide the others.
type chunk struct {
	text      []byte
	start     int // byte offset of text[0] in the file
	firstLine int // 1-based line of text[0] in the file
}

// documentChunks cuts a stream at document markers. A line starting with
// "---" followed by a blank or the end of line always starts a document in
// YAML, even inside a block scalar, so cutting there is safe. Directive-only
// chunks (%YAML) are kept with the document they introduce. The chunks are
// yielded one by one: a 64 MB file of `---` lines is 16 million chunks,
// and listing them all took 2 GB before --max-documents stopped reading.
func documentChunks(content []byte) iter.Seq[chunk] {
	return func(yield func(chunk) bool) {
		start, startLine, line := 0, 1, 1
		// dirStart is where the directive lines (%YAML, %TAG) just before the
		// current line begin, -1 if none: they introduce the next document.
		dirStart, dirLine := -1, 0
		for pos := 0; pos < len(content); {
			end := bytes.IndexByte(content[pos:], '\n')
			next := len(content)
			if end >= 0 {
				next = pos + end + 1
			}
			text := content[pos:next]
			if pos > start && isDocumentStart(text) && !onlyDirectives(content[start:pos]) {
				cut, cutLine := pos, line
				if dirStart > start {
					cut, cutLine = dirStart, dirLine
				}
				if !yield(chunk{text: content[start:cut], start: start, firstLine: startLine}) {
					return
				}
				start, startLine = cut, cutLine
			}
			switch t := bytes.TrimSpace(text); {
			case bytes.HasPrefix(text, []byte("%")):
				if dirStart < 0 {
					dirStart, dirLine = pos, line
				}
			case len(t) > 0 && t[0] != '#':
				dirStart = -1
			}
			pos = next
			line++
		}
		if start < len(content) || start == 0 { // the last chunk, or an empty file's
			yield(chunk{text: content[start:], start: start, firstLine: startLine})
		}
	}
}

func isDocumentStart(line []byte) bool {
	if !bytes.HasPrefix(line, []byte("---")) {
		return false
	}
	rest := line[3:]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r'
}

// onlyDirectives reports whether text holds directives, comments or blank
// lines but no content: it belongs to the document after it (a comment
// before the first `---` is not a document of its own).
func onlyDirectives(text []byte) bool {
	for l := range bytes.Lines(text) {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' && t[0] != '%' {
			return false // usually the first line: no need to read on
		}
	}
	return true
}

// yamlVersionRE matches a %YAML directive; yaml.v3 refuses any version but
// 1.1 ("found incompatible YAML document"), although it parses YAML 1.2.
var yamlVersionRE = lazyre.New(`(?m)^%YAML[ \t]+1\.[0-9]+`)

// asYAML11 rewrites %YAML 1.x directives to 1.1, in a copy: line numbers
// are unchanged and no node sits on a directive line.
func asYAML11(text []byte) []byte {
	if !bytes.HasPrefix(text, []byte("%")) && !bytes.Contains(text, []byte("\n%")) {
		return text
	}
	return yamlVersionRE.ReplaceAll(text, []byte("%YAML 1.1"))
}

// shiftLines makes node lines absolute in the file. Alias targets are
// visited where they are defined, never through the alias.
func shiftLines(n *yaml.Node, offset int) {
	if offset == 0 {
		return
	}
	n.Line += offset
	for _, c := range n.Content {
		shiftLines(c, offset)
	}
}

var yamlLineRE = lazyre.New(`^yaml: line (\d+): (.*)$`)

// syntaxProblem turns a decoder error into a problem at its line; yaml.v3
// gives no column, so the column is the first non-blank character there.
func syntaxProblem(file string, err error, ch chunk, text *fileText, budget *int) Problem {
	msg := yamlProblem(err)
	reported := 1
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		reported, _ = strconv.Atoi(m[1])
	}
	line := ch.firstLine + problemLine(ch.text, err.Error(), max(reported, 1), budget) - 1
	r := Range{Start: Position{line, firstNonBlankColumn(text, line)}, End: Position{line, lineEndColumn(text, line)}}
	if readerErrors[msg] {
		l, _ := text.line(line)
		if col, what, ok := unreadableChar(l); ok {
			r = Range{Start: Position{line, col}, End: Position{line, col + 1}}
			msg += " (" + what + ")"
		}
	}
	if hasTemplateSyntax(ch.text) {
		// Jinja or Go template syntax that does not parse as YAML: the
		// document is a template, not a broken manifest.
		return Problem{
			Kind:     ProblemTemplate,
			Location: Location{File: file, Range: r},
			Message: "not YAML until rendered: the document holds template syntax ({% ... %} or {{ ... }}) and does not parse as it is (" +
				msg + "); lint what the template tool renders",
		}
	}
	return Problem{
		Kind:     ProblemSyntax,
		Location: Location{File: file, Range: r},
		Message:  "YAML syntax error: " + msg,
	}
}

// hasTemplateSyntax reports the syntax of Jinja and Go templates in text:
// {% ... %} blocks and {{ ... }} expressions. The byte search first keeps
// the common case (no braces) free of regular-expression work.
func hasTemplateSyntax(text []byte) bool {
	return (bytes.Contains(text, []byte("{%")) || bytes.Contains(text, []byte("{{"))) && templateMarker.Match(text)
}

var templateMarker = lazyre.New(`\{%-?\s.*%\}|\{\{-?\s*[.$A-Za-z_].*\}\}`)

// readerErrors are yaml.v3's errors for a character it cannot read at all
// in UTF-8 input: invalid UTF-8 or a control character (a binary file, a
// NUL byte). They carry no position, but the character is easy to find on
// the line problemLine finds.
var readerErrors = map[string]bool{
	"invalid leading UTF-8 octet":        true,
	"incomplete UTF-8 octet sequence":    true,
	"invalid trailing UTF-8 octet":       true,
	"invalid length of a UTF-8 sequence": true,
	"invalid Unicode character":          true,
	"control characters are not allowed": true,
}

// unreadableChar finds the first character of l that a YAML stream may
// not contain: its column, and what it is (a byte that is not UTF-8, or a
// code point).
func unreadableChar(l []byte) (col int, what string, ok bool) {
	for col = 1; len(l) > 0; col++ {
		r, size := utf8.DecodeRune(l)
		switch {
		case r == utf8.RuneError && size <= 1:
			return col, fmt.Sprintf("byte 0x%02X", l[0]), true
		case !yamlChar(r):
			return col, fmt.Sprintf("U+%04X", r), true
		}
		l = l[size:]
	}
	return 0, "", false
}

// yamlChar reports whether a YAML 1.1 stream may contain r: tab, line
// breaks and the printable characters (yaml.v3's reader refuses others).
func yamlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0x7E || r == 0x85 ||
		r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// yamlProblem is a decoder error without its "yaml: line N: " prefix.
func yamlProblem(err error) string {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

// problemLine finds the 1-based line of text where decoding fails with
// error message want. yaml.v3's own "line N" (reported) is where the
// enclosing construct starts (a mapping may start 40 lines above a
// misindented key), and for parser errors it is 0-based, so it is only a
// lower bound. The line is found instead as the shortest prefix of whole
// lines whose decoding fails with the same message, by bisection: once a
// prefix fails, adding lines does not cure it. Keeping yaml.v3's line in the
// comparison stops prefixes that fail only because they cut a flow
// collection short. The bytes re-decoded are taken from budget; when it
// runs out, the search stops at the best lower bound found so far.
func problemLine(text []byte, want string, reported int, budget *int) int {
	starts := []int{0}
	for i, b := range text {
		if b == '\n' && i+1 < len(text) {
			starts = append(starts, i+1)
		}
	}
	failsWithin := func(lines int) bool {
		end := len(text)
		if lines < len(starts) {
			end = starts[lines]
		}
		*budget -= end
		dec := yaml.NewDecoder(bytes.NewReader(text[:end]))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			return !errors.Is(err, io.EOF) && err.Error() == want
		}
	}
	lo, hi := min(reported, len(starts)), len(starts)
	for lo < hi {
		mid := (lo + hi) / 2
		if *budget < len(text) {
			return lo
		}
		if failsWithin(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func NodeKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "sequence"
	case yaml.ScalarNode:
		return "scalar"
	case yaml.AliasNode:
		return "alias"
	}
	return "mapping"
}

package graph

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

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
}

// maxRelocateBytes bounds the re-decoding problemLine does per file, so that
// a large file full of syntax errors still loads quickly.
const maxRelocateBytes = 8 << 20

// LoadFile parses one source into documents. It never fails: every problem
// becomes a Problem with a position, and the documents that parsed are kept.
func LoadFile(src Source, limits Limits) *LoadedFile {
	limits = limits.withDefaults()
	lf := &LoadedFile{Path: src.Path, relocateBudget: maxRelocateBytes, text: newFileText(src.Content)}
	if len(src.Content) > limits.MaxFileBytes {
		// Not its size: ReadSourcesLimit reads no more than one byte past the limit.
		lf.limitProblem(1, "file is larger than the limit of %d bytes; not linted (--max-file-size)", limits.MaxFileBytes)
		return lf
	}
	chunks := splitDocuments(src.Content)
	for i, ch := range chunks {
		if i >= limits.MaxDocuments {
			lf.limitProblem(ch.firstLine, "file has more than %d documents; the rest are not linted (--max-documents)", limits.MaxDocuments)
			break
		}
		lf.Streams++
		if !lf.loadChunk(ch, i, limits) {
			break
		}
	}
	return lf
}

// loadChunk parses one chunk (normally one YAML document) under the
// limits; it returns false when the file's node budget is spent and the
// rest of the file is not to be parsed.
func (lf *LoadedFile) loadChunk(ch chunk, index int, limits Limits) bool {
	scan, parse, more := lf.checkText(ch, limits)
	if !parse {
		return more
	}
	lf.decodeChunk(ch, index, scan, limits)
	return true
}

func (lf *LoadedFile) decodeChunk(ch chunk, index int, scan textScan, limits Limits) {
	ch.text = asYAML11(ch.text)
	dec := yaml.NewDecoder(bytes.NewReader(ch.text))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			if !lf.depthProblem(err, ch, scan, limits) {
				lf.Problems = append(lf.Problems, syntaxProblem(lf.Path, err, ch, lf.text, &lf.relocateBudget))
			}
			return
		}
		if len(doc.Content) == 0 || isEmptyDocument(doc.Content[0]) {
			continue // an empty document: nothing to lint
		}
		if !lf.checkTree(doc.Content[0], ch, limits) {
			continue
		}
		shiftLines(&doc, ch.firstLine-1)
		lf.Problems = append(lf.Problems, duplicateKeys(lf.Path, doc.Content[0])...)
		lf.addObject(doc.Content[0], index, "")
	}
}

// isEmptyDocument reports whether a document is null: nothing but its
// marker and comments (yaml.v3 gives it an implicit null scalar), or an
// explicit null. kubectl skips such documents.
func isEmptyDocument(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// addObject records a top-level node (or List item) as a document, expanding
// Lists into their items.
func (lf *LoadedFile) addObject(n *yaml.Node, index int, itemPath string) {
	d := &Document{File: lf.Path, Index: index, Node: n, ItemPath: itemPath, text: lf.text, keys: &keyIndex{}}
	if n.Kind != yaml.MappingNode {
		lf.Problems = append(lf.Problems, Problem{
			Kind:     ProblemInvalidResource,
			Location: Location{File: lf.Path, Range: nodeRangeIn(n, lf.text)},
			Message:  fmt.Sprintf("document is a %s, not a Kubernetes object (a mapping with apiVersion, kind and metadata)", nodeKindName(n)),
		})
		return
	}
	if items := listItems(n); items != nil {
		for i, item := range items.Content {
			lf.addObject(item, index, fmt.Sprintf("%sitems[%d]", prefixDot(itemPath), i))
		}
		return
	}
	lf.Documents = append(lf.Documents, d)
}

func prefixDot(p string) string {
	if p == "" {
		return ""
	}
	return p + "."
}

// listItems returns the items sequence of a `kind: List` (or `*List`) object.
func listItems(n *yaml.Node) *yaml.Node {
	kind := mappingValue(n, "kind")
	if kind == nil || kind.Kind != yaml.ScalarNode || !strings.HasSuffix(kind.Value, "List") {
		return nil
	}
	items := mappingValue(n, "items")
	if items == nil || items.Kind != yaml.SequenceNode {
		return nil
	}
	return items
}

// chunk is one YAML document of a stream, cut at `---` markers so that a
// syntax error in one document does not hide the others.
type chunk struct {
	text      []byte
	firstLine int // 1-based line of text[0] in the file
}

// splitDocuments cuts a stream at document markers. A line starting with
// "---" followed by a blank or the end of line always starts a document in
// YAML, even inside a block scalar, so cutting there is safe. Directive-only
// chunks (%YAML) are kept with the document they introduce.
func splitDocuments(content []byte) []chunk {
	var chunks []chunk
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
			chunks = append(chunks, chunk{text: content[start:cut], firstLine: startLine})
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
	if start < len(content) || len(chunks) == 0 {
		chunks = append(chunks, chunk{text: content[start:], firstLine: startLine})
	}
	return chunks
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
	for _, l := range bytes.Split(text, []byte("\n")) {
		t := bytes.TrimSpace(l)
		switch {
		case len(t) == 0, t[0] == '#', t[0] == '%':
		default:
			return false
		}
	}
	return true
}

// yamlVersionRE matches a %YAML directive; yaml.v3 refuses any version but
// 1.1 ("found incompatible YAML document"), although it parses YAML 1.2.
var yamlVersionRE = regexp.MustCompile(`(?m)^%YAML[ \t]+1\.[0-9]+`)

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

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxProblem turns a decoder error into a problem at its line; yaml.v3
// gives no column, so the column is the first non-blank character there.
func syntaxProblem(file string, err error, ch chunk, text *fileText, budget *int) Problem {
	msg := yamlProblem(err)
	reported := 1
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		reported, _ = strconv.Atoi(m[1])
	}
	line := ch.firstLine + problemLine(ch.text, err.Error(), max(reported, 1), budget) - 1
	col := firstNonBlankColumn(text, line)
	return Problem{
		Kind:     ProblemSyntax,
		Location: Location{File: file, Range: Range{Start: Position{line, col}, End: Position{line, lineEndColumn(text, line)}}},
		Message:  "YAML syntax error: " + msg,
	}
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

func nodeKindName(n *yaml.Node) string {
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

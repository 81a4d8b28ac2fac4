package yamldoc

import "strings"

// loadPath says how loadFile reads a file: each path falls back to the
// next when it cannot read the file exactly as the next one would.
type loadPath int

const (
	pathFast   loadPath = iota // the fast path (fastparse.go), every document or none
	pathStream                 // one yaml.v3 decoder for the file (stream.go)
	pathChunks                 // one yaml.v3 decoder per document
)

// loadFast reads every document of a file on the fast path, or none: a
// document it declines sends the whole file to yaml.v3, so that anchors
// and aliases across documents resolve as they do there. The documents
// come out converted, without a node tree; a lookup parses one from the
// document's text when a finding needs a position.
func (lf *LoadedFile) loadFast(content []byte, l Limits, in *interner) bool {
	chunks, ok := streamChunks(content, l, true)
	if !ok {
		return false
	}
	docs := make([]*Document, 0, len(chunks))
	claims := false
	p := newFastParser(l, in)
	defer p.keepScratch()
	for i, ch := range chunks {
		if ch.blank {
			continue
		}
		fd, ok := p.parse(ch.text, ch.firstLine)
		if !ok || isListObject(fd.value) {
			return false
		}
		_, api := fd.value["apiVersion"]
		_, kind := fd.value["kind"]
		claims = claims || api || kind
		src := &docSource{text: ch.text, firstLine: ch.firstLine, start: ch.start, end: ch.start + len(ch.text), alone: true}
		docs = append(docs, &Document{
			File: lf.Path, Index: i, text: lf.text, keys: &keyIndex{}, start: fd.start, src: src,
			value: fd.value, converted: true, hasNull: fd.hasNull, origins: lf.origins,
		})
	}
	lf.Documents = append(lf.Documents, docs...)
	lf.Streams = len(chunks)
	lf.claimsObject = lf.claimsObject || claims
	return true
}

// isListObject reports a `kind: *List` object with items, which listItems
// expands into documents: the yaml.v3 path does that.
func isListObject(v map[string]any) bool {
	kind, _ := v["kind"].(string)
	_, items := v["items"].([]any)
	return items && strings.HasSuffix(kind, "List")
}

package yamldoc

import (
	"bytes"
	"errors"
	"io"
	"math"

	yaml "go.yaml.in/yaml/v3"
)

// loadStream parses a file with one decoder, as the parse floor does,
// instead of one per chunk: a decoder costs about 5 KB before it reads
// a byte, and most files are several short documents. It returns false,
// having changed nothing, when the file needs the chunked path to come
// out exactly as that path makes it: a syntax error (which the chunks
// confine to their document), a limit reached, directives or `...`
// markers (after which a chunk may hold several documents), or aliases
// past the first document (one decoder resolves them across documents,
// where a decoder per chunk finds no such anchor).
func (lf *LoadedFile) loadStream(content []byte, l Limits) bool {
	chunks, ok := streamChunks(content, l, false)
	if !ok {
		return false
	}
	saved := *lf
	if lf.decodeStream(content, chunks, l) {
		lf.Streams = len(chunks)
		return true
	}
	*lf = saved
	return false
}

// streamChunk is a chunk of a file loadStream reads, the first line of
// the next one, and whether it is blank (see isBlankChunk).
type streamChunk struct {
	chunk
	nextLine int
	blank    bool
}

// streamChunks cuts content as loadChunks does and pre-scans each chunk
// under the limits; ok is false when the chunked path must read the file.
// ends is true when the caller reads `...` markers itself.
func streamChunks(content []byte, l Limits, ends bool) (chunks []streamChunk, ok bool) {
	if hasLineStarting(content, "%") || !ends && hasLineStarting(content, "...") {
		return nil, false
	}
	// The pre-scan counts fewer than 3 nodes a byte (`[:,:,` is the
	// densest YAML), and the parser makes fewer: a small file cannot reach
	// the limits, which the parsed tree's exact count enforces anyway.
	small := len(content) < l.MaxNodes/nodesPerByte
	nodes := 0
	for ch := range documentChunks(content) {
		if len(chunks) >= l.MaxDocuments {
			return nil, false
		}
		sc := streamChunk{chunk: ch, nextLine: math.MaxInt, blank: isBlankChunk(ch.text)}
		if !sc.blank && !small {
			scan := prescan(ch.text, ch.firstLine, l.MaxDepth)
			if nodes += scan.nodes; scan.nodes > l.MaxNodes || nodes > fileNodesFactor*l.MaxNodes {
				return nil, false
			}
		}
		if n := len(chunks); n > 0 {
			chunks[n-1].nextLine = ch.firstLine
		}
		chunks = append(chunks, sc)
	}
	return chunks, true
}

// nodesPerByte bounds the nodes the pre-scan estimates for a byte of text,
// with room to spare.
const nodesPerByte = 8

// hasLineStarting reports whether a line of content starts with prefix.
func hasLineStarting(content []byte, prefix string) bool {
	return bytes.HasPrefix(content, []byte(prefix)) || bytes.Contains(content, []byte("\n"+prefix))
}

// decodeStream decodes content document by document. Without directives
// and `...`, a document starts only at a `---` line, where a chunk starts
// too: the i-th document is the i-th chunk's, which its root's line must
// confirm. It returns false when that or decoding fails.
func (lf *LoadedFile) decodeStream(content []byte, chunks []streamChunk, l Limits) bool {
	dec := yaml.NewDecoder(bytes.NewReader(content))
	i := 0
	for ; ; i++ {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || i >= len(chunks) {
			return false
		}
		if len(doc.Content) == 0 || isEmptyDocument(doc.Content[0]) {
			continue
		}
		root, ch := doc.Content[0], chunks[i]
		if ch.blank || root.Line < ch.firstLine || root.Line >= ch.nextLine {
			return false
		}
		if !lf.addStreamDocument(root, i, ch, l) {
			return false
		}
	}
	// One document per chunk; a file of nothing but comments has none.
	return i == len(chunks) || i == 0 && len(chunks) == 1
}

// addStreamDocument is decodeChunk's work for the one document of the
// index-th chunk, whose lines are the file's already. It returns false
// when the document may refer to an anchor of an earlier one.
func (lf *LoadedFile) addStreamDocument(root *yaml.Node, index int, ch streamChunk, l Limits) bool {
	aliases, ok := lf.checkTree(root, 0, l)
	if index > 0 && (aliases || !ok) {
		return false // a refused tree was not walked to the end
	}
	if !ok {
		return true
	}
	lf.Problems = append(lf.Problems, duplicateKeys(lf.Path, root, lf.text)...)
	src := &docSource{text: ch.text, firstLine: ch.firstLine, start: ch.start, end: ch.start + len(ch.text)}
	lf.addObject(root, index, src, aliases)
	src.alone = true // after List items copied it, as decodeChunk sets it
	return true
}

package schemas

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/meshlint/meshlint/graph/fieldpath"
)

// The JSON Schema library, github.com/santhosh-tekuri/jsonschema/v5, is the
// tests' oracle: meshlint validated with it before it had its own walk
// (explain.go), and the tests require both to find the same violations.
// This file is that former path: the converted schema compiled by the
// library, its errors' innermost causes read back into failures.

// libraryValidator is the library's compilation of an entry's converted
// schema, with the documents it was compiled from, by URL.
type libraryValidator struct {
	*jsonschema.Schema
	docs map[string]map[string]any
}

var libraryCache sync.Map // *Entry → func() (*libraryValidator, error)

// libraryFor compiles e's schema with the library, once per entry.
func libraryFor(e *Entry) (*libraryValidator, error) {
	f, _ := libraryCache.LoadOrStore(e, sync.OnceValues(func() (*libraryValidator, error) { return compileDocuments(e) }))
	return f.(func() (*libraryValidator, error))()
}

// libraryViolations validates inst as Validate did with the library.
// panicked is set when the library panics (it does on values it cannot
// turn into a big.Rat).
func (lib *libraryValidator) violations(inst any) (vs []Violation, panicked bool, err error) {
	defer func() {
		if recover() != nil {
			vs, panicked, err = nil, true, nil
		}
	}()
	err = lib.Validate(inst)
	if err == nil {
		return nil, false, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, false, err
	}
	var leaves []*jsonschema.ValidationError
	collectLeaves(ve, &leaves)
	w := wording{suggested: map[string]bool{}}
	var out []Violation
	for _, l := range leaves {
		out = append(out, w.violations(lib.failure(inst, l))...)
	}
	return w.dedupe(out), false, nil
}

// failure reads a leaf error back: the value from the instance, the
// keyword's node from the documents.
func (lib *libraryValidator) failure(inst any, ve *jsonschema.ValidationError) failure {
	path, value, depth := instanceAt(inst, ve.InstanceLocation)
	kw := keyword(ve.KeywordLocation)
	node := schemaAt(lib.docs, strings.TrimSuffix(ve.AbsoluteKeywordLocation, "/"+kw))
	f := failure{keyword: kw, node: node, path: path, value: value, depth: depth, message: ve.Message}
	branches, _ := node["oneOf"].([]any)
	for _, b := range branches {
		bm, _ := b.(map[string]any)
		f.oneOf = append(f.oneOf, bm)
	}
	return f
}

// splitNodes is the size, in schema nodes, above which a subschema is
// compiled as a document of its own. The compiler scans a document's
// subschemas for every $ref-like step, which is quadratic in its size: a
// Deployment as one document takes 100 ms to compile, split (and with its
// repeated parts — Container, Probe, ObjectMeta… — shared) a fraction.
const splitNodes = 24

// splitter moves large subschemas into documents of their own, one per
// distinct content, and refers to them with $ref.
type splitter struct {
	base string
	docs map[string]map[string]any
	raw  map[string][]byte
}

// split works bottom-up on node and returns its size in schema nodes,
// counting a moved subschema as one.
func (sp *splitter) split(node map[string]any) int {
	n := 1
	for key, v := range node {
		switch key {
		case "properties":
			for name, p := range v.(map[string]any) {
				v.(map[string]any)[name] = sp.extract(p, &n)
			}
		case "items", "additionalProperties", "not":
			node[key] = sp.extract(v, &n)
		case "allOf", "anyOf", "oneOf":
			for i, b := range v.([]any) {
				v.([]any)[i] = sp.extract(b, &n)
			}
		}
	}
	return n
}

func (sp *splitter) extract(v any, total *int) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v // additionalProperties: false
	}
	n := sp.split(m)
	if n <= splitNodes {
		*total += n
		return m
	}
	raw, err := json.Marshal(m)
	if err != nil {
		panic(err) // the converter only builds JSON values
	}
	sum := sha256.Sum256(raw)
	url := sp.base + hex.EncodeToString(sum[:8]) + ".json"
	sp.docs[url], sp.raw[url] = m, raw
	*total++
	return map[string]any{"$ref": url}
}

// compileDocuments converts the entry's schema to JSON Schema documents
// and compiles them with the library.
func compileDocuments(e *Entry) (*libraryValidator, error) {
	root := "mem:///" + e.GVK.String() + ".json"
	sp := &splitter{base: "mem:///" + e.GVK.String() + "/", docs: map[string]map[string]any{}, raw: map[string][]byte{}}
	doc := converter{}.rootSchema(e.Schema)
	sp.split(doc)
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %v", e.GVK, err)
	}
	sp.docs[root], sp.raw[root] = doc, raw
	lib, err := compileLibrary(e.GVK, root, sp.raw)
	if err != nil {
		return nil, err
	}
	return &libraryValidator{lib, sp.docs}, nil
}

// compileLibrary compiles the documents with the JSON Schema library. It
// may panic on input its meta-schema check lets through (a pattern Go's
// regexp rejects is compiled with MustCompile): that becomes an error too.
func compileLibrary(gvk GVK, root string, raw map[string][]byte) (s *jsonschema.Schema, err error) {
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("schema of %s does not compile: %v", gvk, p)
		}
	}()
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft7
	comp.AssertFormat = true
	for name, check := range checkedFormats {
		if name != "ipv4" && name != "ipv6" { // the library's are the oracle of ours
			comp.Formats[name] = check
		}
	}
	for url, doc := range raw {
		if err := comp.AddResource(url, bytes.NewReader(doc)); err != nil {
			return nil, fmt.Errorf("schema of %s does not compile: %v", gvk, err)
		}
	}
	s, err = comp.Compile(root)
	if err != nil {
		return nil, fmt.Errorf("schema of %s does not compile: %v", gvk, err)
	}
	return s, nil
}

// collectLeaves gathers the innermost errors: the ones that say what is
// wrong. A failed oneOf/anyOf/not is a leaf itself: its causes are the
// alternatives that did not match, not mistakes. The library's wrapper of
// several errors has no message, and its location ends with the field it
// was reached by: one named oneOf (a CRD's openAPIV3Schema has one) is
// not a failed oneOf.
func collectLeaves(ve *jsonschema.ValidationError, out *[]*jsonschema.ValidationError) {
	switch keyword(ve.KeywordLocation) {
	case "oneOf", "anyOf", "not":
		if ve.Message != "" {
			*out = append(*out, ve)
			return
		}
	}
	if len(ve.Causes) == 0 {
		*out = append(*out, ve)
		return
	}
	for _, c := range ve.Causes {
		collectLeaves(c, out)
	}
}

// keyword is the last token of a keyword location.
func keyword(loc string) string {
	return loc[strings.LastIndexByte(loc, '/')+1:]
}

// pointerTokens splits a JSON pointer as the validator writes it (each
// token JSON-pointer escaped, then URL path escaped).
func pointerTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			t = u
		}
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks
}

// instanceAt follows an instance pointer through v and renders it as a
// field path; a numeric token is an index only where v is a list.
func instanceAt(v any, ptr string) (path string, value any, depth int) {
	toks := pointerTokens(ptr)
	value = v
	for _, t := range toks {
		switch cur := value.(type) {
		case map[string]any:
			path, value = fieldpath.Join(path, t), cur[t]
		case []any:
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(cur) {
				return path, nil, len(toks)
			}
			path, value = fieldpath.Index(path, i), cur[i]
		}
	}
	return path, value, len(toks)
}

// schemaAt returns the JSON Schema object at an absolute keyword location
// (document URL, '#', pointer).
func schemaAt(docs map[string]map[string]any, loc string) map[string]any {
	url, ptr, _ := strings.Cut(loc, "#")
	var cur any = docs[url]
	for _, t := range pointerTokens(ptr) {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[t]
		case []any:
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	m, _ := cur.(map[string]any)
	return m
}

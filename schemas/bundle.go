package schemas

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	exprpb "google.golang.org/genproto/googleapis/api/expr/v1alpha1"
	"google.golang.org/protobuf/proto"
)

// The embedded schemas are one compact binary bundle, generated from the
// JSON files of data/ (`go generate ./schemas`; TestBundleUpToDate checks
// it matches them). encoding/json took some 7 ms to decode a Deployment's
// 280 KB of JSON through reflection, most of a one-file run's schema
// cost; the bundle is read without reflection, its strings are slices of
// the embedded bytes, and each distinct subschema is stored, and decoded,
// once (a Deployment's containers, init containers and probes share
// theirs, and so do the versions of a kind). Decoded nodes are shared
// between entries: schemas never change once loaded.
//
// Layout (integers are unsigned varints unless said otherwise):
//
//	magic "meshlint schemas 1\n"
//	u32 (little endian) offset of the string area, of the node table, of the index
//	nodes: each a presence mask of schemaFields, then the fields present
//	string area: the distinct strings, concatenated
//	node table: u32 (little endian) offset of each node, by node number
//	index: count, then per entry group, version, kind, flags, deprecation
//	       warning, channel, origin, root node number
//	parsed CEL: count, then per distinct rule or message expression its
//	       text and its parsed form (a cel.expr.ParsedExpr, as a string)
//
// A string is its offset in the string area and its length; a node
// reference is its number.

const bundleMagic = "meshlint schemas 1\n"

// Presence bits of a node's fields, in the order they are written.
const (
	bType uint64 = 1 << iota
	bFormat
	bProperties
	bItems
	bAdditionalProperties
	bRequired
	bEnum
	bPattern
	bMinimum
	bMaximum
	bExclusiveMinimum
	bExclusiveMaximum
	bMinLength
	bMaxLength
	bMinItems
	bMaxItems
	bMinProperties
	bMaxProperties
	bNullable
	bAllOf
	bAnyOf
	bOneOf
	bNot
	bDefault
	bPreserveUnknownFields
	bIntOrString
	bEmbeddedResource
	bListType
	bListMapKeys
	bMapType
	bValidations
)

// Tags of JSON values (enum, default).
const (
	vNull byte = iota
	vFalse
	vTrue
	vNumber
	vString
	vArray
	vObject
)

// Entry flags in the index.
const (
	fServed = 1 << iota
	fDeprecated
)

// BuildBundle reads the JSON entries under data/ of fsys (the schemas
// directory) and returns the bundle that embeds them. The output depends
// only on their content.
func BuildBundle(fsys fs.FS) ([]byte, error) {
	names, err := fs.Glob(fsys, "data/*/*/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	w := newBundleWriter()
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		e, err := decodeEntryJSON(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		w.entry(e)
	}
	if err := w.parseRules(); err != nil {
		return nil, err
	}
	return w.bytes(), nil
}

// bundleWriter encodes entries, storing each distinct string and node once.
type bundleWriter struct {
	nodes   []byte
	offsets []uint32          // of each node in nodes, by number
	nodeNum map[string]uint64 // encoded node → number
	strs    []byte
	strOff  map[string]uint64
	index   []byte
	count   uint64
	rules   map[string]bool // CEL expressions of the entries
	parsed  []byte
}

func newBundleWriter() *bundleWriter {
	return &bundleWriter{nodeNum: map[string]uint64{}, strOff: map[string]uint64{}, rules: map[string]bool{}}
}

func (w *bundleWriter) entry(e *Entry) {
	root := w.node(e.Schema)
	var flags uint64
	if e.Served {
		flags |= fServed
	}
	if e.Deprecated {
		flags |= fDeprecated
	}
	b := w.index
	for _, s := range []string{e.GVK.Group, e.GVK.Version, e.GVK.Kind} {
		b = w.str(b, s)
	}
	b = binary.AppendUvarint(b, flags)
	for _, s := range []string{e.DeprecationWarning, e.Channel, e.Origin} {
		b = w.str(b, s)
	}
	w.index = binary.AppendUvarint(b, root)
	w.count++
}

func (w *bundleWriter) bytes() []byte {
	head := len(bundleMagic) + 12
	strAt := head + len(w.nodes)
	tableAt := strAt + len(w.strs)
	indexAt := tableAt + 4*len(w.offsets)
	out := append([]byte(bundleMagic), make([]byte, 12)...)
	binary.LittleEndian.PutUint32(out[len(bundleMagic):], uint32(strAt))
	binary.LittleEndian.PutUint32(out[len(bundleMagic)+4:], uint32(tableAt))
	binary.LittleEndian.PutUint32(out[len(bundleMagic)+8:], uint32(indexAt))
	out = append(out, w.nodes...)
	out = append(out, w.strs...)
	for _, off := range w.offsets {
		out = binary.LittleEndian.AppendUint32(out, uint32(head)+off)
	}
	out = binary.AppendUvarint(out, w.count)
	return append(append(out, w.index...), w.parsed...)
}

// parseRules stores the CEL expressions of the entries parsed, so that a
// run compiles them without parsing (cel-go's ANTLR parser was half of a
// one-file run's CEL cost). One that does not parse is left out: the run
// parses it and reports the error.
func (w *bundleWriter) parseRules() error {
	env, err := celBaseEnv()
	if err != nil {
		return err
	}
	var out [][2]string
	for _, src := range slices.Sorted(maps.Keys(w.rules)) {
		ast, iss := env.Parse(src)
		if iss.Err() != nil {
			continue
		}
		pe, err := cel.AstToParsedExpr(ast)
		if err != nil {
			return err
		}
		b, err := proto.MarshalOptions{Deterministic: true}.Marshal(pe)
		if err != nil {
			return err
		}
		out = append(out, [2]string{src, string(b)})
	}
	w.parsed = binary.AppendUvarint(w.parsed, uint64(len(out)))
	for _, p := range out {
		w.parsed = w.str(w.str(w.parsed, p[0]), p[1])
	}
	return nil
}

func (w *bundleWriter) str(b []byte, s string) []byte {
	off, ok := w.strOff[s]
	if !ok {
		off = uint64(len(w.strs))
		w.strs = append(w.strs, s...)
		w.strOff[s] = off
	}
	return binary.AppendUvarint(binary.AppendUvarint(b, off), uint64(len(s)))
}

func (w *bundleWriter) strList(b []byte, list []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, s := range list {
		b = w.str(b, s)
	}
	return b
}

// node writes s (its subschemas first) unless an equal node is written
// already, and returns its number.
func (w *bundleWriter) node(s *Schema) uint64 {
	if s == nil {
		panic("schemas: a null subschema cannot be bundled")
	}
	b := w.fields(nil, s)
	if n, ok := w.nodeNum[string(b)]; ok {
		return n
	}
	n := uint64(len(w.offsets))
	w.offsets = append(w.offsets, uint32(len(w.nodes)))
	w.nodes = append(w.nodes, b...)
	w.nodeNum[string(b)] = n
	return n
}

func (w *bundleWriter) fields(b []byte, s *Schema) []byte {
	mask, body := w.body(s)
	return append(binary.AppendUvarint(b, mask), body...)
}

// body encodes the fields of s present, in bit order, and their mask.
func (w *bundleWriter) body(s *Schema) (uint64, []byte) {
	var mask uint64
	var b []byte
	put := func(bit uint64, present bool, enc func()) {
		if present {
			mask |= bit
			enc()
		}
	}
	str := func(bit uint64, v string) { put(bit, v != "", func() { b = w.str(b, v) }) }
	flag := func(bit uint64, v bool) { put(bit, v, func() {}) }
	num := func(bit uint64, v *float64) {
		put(bit, v != nil, func() { b = binary.LittleEndian.AppendUint64(b, math.Float64bits(*v)) })
	}
	size := func(bit uint64, v *int64) { put(bit, v != nil, func() { b = binary.AppendVarint(b, *v) }) }
	sub := func(bit uint64, v *Schema) { put(bit, v != nil, func() { b = binary.AppendUvarint(b, w.node(v)) }) }
	subs := func(bit uint64, list []*Schema) {
		put(bit, list != nil, func() {
			b = binary.AppendUvarint(b, uint64(len(list)))
			for _, v := range list {
				b = binary.AppendUvarint(b, w.node(v))
			}
		})
	}
	str(bType, s.Type)
	str(bFormat, s.Format)
	put(bProperties, s.Properties != nil, func() { b = w.properties(b, s.Properties) })
	sub(bItems, s.Items)
	put(bAdditionalProperties, s.AdditionalProperties != nil, func() { b = w.schemaOrBool(b, s.AdditionalProperties) })
	put(bRequired, s.Required != nil, func() { b = w.strList(b, s.Required) })
	put(bEnum, s.Enum != nil, func() { b = w.values(b, s.Enum) })
	str(bPattern, s.Pattern)
	num(bMinimum, s.Minimum)
	num(bMaximum, s.Maximum)
	flag(bExclusiveMinimum, s.ExclusiveMinimum)
	flag(bExclusiveMaximum, s.ExclusiveMaximum)
	size(bMinLength, s.MinLength)
	size(bMaxLength, s.MaxLength)
	size(bMinItems, s.MinItems)
	size(bMaxItems, s.MaxItems)
	size(bMinProperties, s.MinProperties)
	size(bMaxProperties, s.MaxProperties)
	flag(bNullable, s.Nullable)
	subs(bAllOf, s.AllOf)
	subs(bAnyOf, s.AnyOf)
	subs(bOneOf, s.OneOf)
	sub(bNot, s.Not)
	put(bDefault, s.Default != nil, func() { b = w.value(b, s.Default) })
	put(bPreserveUnknownFields, s.PreserveUnknownFields != nil, func() { b = appendBool(b, *s.PreserveUnknownFields) })
	flag(bIntOrString, s.IntOrString)
	flag(bEmbeddedResource, s.EmbeddedResource)
	str(bListType, s.ListType)
	put(bListMapKeys, s.ListMapKeys != nil, func() { b = w.strList(b, s.ListMapKeys) })
	str(bMapType, s.MapType)
	put(bValidations, s.Validations != nil, func() { b = w.validations(b, s.Validations) })
	return mask, b
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func (w *bundleWriter) properties(b []byte, props map[string]*Schema) []byte {
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	slices.Sort(names)
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, name := range names {
		b = w.str(b, name)
		b = binary.AppendUvarint(b, w.node(props[name]))
	}
	return b
}

// schemaOrBool is 0 (false), 1 (true) or 2 and a node.
func (w *bundleWriter) schemaOrBool(b []byte, v *SchemaOrBool) []byte {
	switch {
	case v.Schema != nil:
		return binary.AppendUvarint(append(b, 2), w.node(v.Schema))
	case v.Allows:
		return append(b, 1)
	}
	return append(b, 0)
}

func (w *bundleWriter) validations(b []byte, rules []ValidationRule) []byte {
	b = binary.AppendUvarint(b, uint64(len(rules)))
	for _, r := range rules {
		w.rules[r.Rule] = true
		if r.MessageExpression != "" {
			w.rules[r.MessageExpression] = true
		}
		for _, s := range []string{r.Rule, r.Message, r.MessageExpression, r.Reason, r.FieldPath} {
			b = w.str(b, s)
		}
		switch {
		case r.OptionalOldSelf == nil:
			b = append(b, 0)
		case *r.OptionalOldSelf:
			b = append(b, 2)
		default:
			b = append(b, 1)
		}
	}
	return b
}

func (w *bundleWriter) values(b []byte, list []any) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, v := range list {
		b = w.value(b, v)
	}
	return b
}

// value encodes a JSON value as encoding/json decodes it into any.
func (w *bundleWriter) value(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, vNull)
	case bool:
		if v {
			return append(b, vTrue)
		}
		return append(b, vFalse)
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, vNumber), math.Float64bits(v))
	case string:
		return w.str(append(b, vString), v)
	case []any:
		return w.values(append(b, vArray), v)
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(append(b, vObject), uint64(len(keys)))
		for _, k := range keys {
			b = w.value(w.str(b, k), v[k])
		}
		return b
	}
	panic(fmt.Sprintf("schemas: %T is not a JSON value", v))
}

// bundle is the embedded bundle, read.
type bundle struct {
	data    string
	strAt   int
	tableAt int
	entries map[GVK]bundleEntry
	nodes   []atomic.Pointer[Schema] // decoded, by number
	// parsed holds the parsed form of each CEL expression of the entries.
	parsed map[string]string
}

// bundleEntry is an index entry: the entry without its schema, and the
// number of its root node.
type bundleEntry struct {
	Entry
	root uint64
}

var errBadBundle = errors.New("schemas: the embedded bundle is malformed")

// openBundle reads the header and index of data.
func openBundle(data string) (*bundle, error) {
	if !strings.HasPrefix(data, bundleMagic) || len(data) < len(bundleMagic)+12 {
		return nil, errBadBundle
	}
	head := data[len(bundleMagic):]
	b := &bundle{data: data, strAt: le32(head, 0), tableAt: le32(head, 4), entries: map[GVK]bundleEntry{}, parsed: map[string]string{}}
	indexAt := le32(head, 8)
	if b.strAt > b.tableAt || b.tableAt > indexAt || indexAt > len(data) || (indexAt-b.tableAt)%4 != 0 {
		return nil, errBadBundle
	}
	b.nodes = make([]atomic.Pointer[Schema], (indexAt-b.tableAt)/4)
	r := &bundleReader{b: b, at: indexAt}
	if err := r.index(); err != nil {
		return nil, err
	}
	return b, nil
}

// le32 is the little-endian uint32 at s[at:].
func le32(s string, at int) int {
	_ = s[at+3]
	return int(uint32(s[at]) | uint32(s[at+1])<<8 | uint32(s[at+2])<<16 | uint32(s[at+3])<<24)
}

// bundleReader reads the bundle from an offset. A malformed bundle (it is
// generated and tested, so only a bug) panics with errBadBundle, which
// the bundle's entry points turn into an error.
type bundleReader struct {
	b  *bundle
	at int
	// node is the number of the node being read: its subschemas were
	// written before it, so their numbers are lower (a damaged bundle
	// cannot make the reader go round a cycle).
	node uint64
}

func (r *bundleReader) index() (err error) {
	defer recoverBadBundle(&err)
	for n := r.uvarint(); n > 0; n-- {
		var e bundleEntry
		e.GVK = GVK{Group: r.str(), Version: r.str(), Kind: r.str()}
		flags := r.uvarint()
		e.Served, e.Deprecated = flags&fServed != 0, flags&fDeprecated != 0
		e.DeprecationWarning, e.Channel, e.Origin = r.str(), r.str(), r.str()
		e.root = r.uvarint()
		r.b.entries[e.GVK] = e
	}
	for n := r.uvarint(); n > 0; n-- {
		src := r.str()
		r.b.parsed[src] = r.str()
	}
	return nil
}

func recoverBadBundle(err *error) {
	if p := recover(); p != nil {
		if p != errBadBundle {
			panic(p)
		}
		*err = errBadBundle
	}
}

func (r *bundleReader) byte() byte {
	if r.at >= len(r.b.data) {
		panic(errBadBundle)
	}
	r.at++
	return r.b.data[r.at-1]
}

func (r *bundleReader) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := r.byte()
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	panic(errBadBundle)
}

func (r *bundleReader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *bundleReader) float() float64 {
	if r.at+8 > len(r.b.data) {
		panic(errBadBundle)
	}
	r.at += 8
	lo, hi := uint64(le32(r.b.data, r.at-8)), uint64(le32(r.b.data, r.at-4))
	return math.Float64frombits(lo | hi<<32)
}

// str is a slice of the embedded bytes: no copy.
func (r *bundleReader) str() string {
	off, n := r.uvarint(), r.uvarint()
	start := uint64(r.b.strAt) + off
	if off > uint64(r.b.tableAt-r.b.strAt) || n > uint64(r.b.tableAt)-start {
		panic(errBadBundle)
	}
	return r.b.data[start : start+n]
}

func (r *bundleReader) strs() []string {
	out := make([]string, r.count())
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// count reads a length, bounded by the bytes left so that a bad one
// cannot make a huge allocation.
func (r *bundleReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b.data)-r.at) {
		panic(errBadBundle)
	}
	return int(n)
}

// schema returns node n, decoding it (and the nodes below it not decoded
// yet) on first use.
func (b *bundle) schema(n uint64) (s *Schema, err error) {
	defer recoverBadBundle(&err)
	return b.node(n), nil
}

func (b *bundle) node(n uint64) *Schema {
	if n >= uint64(len(b.nodes)) {
		panic(errBadBundle)
	}
	if s := b.nodes[n].Load(); s != nil {
		return s
	}
	r := &bundleReader{b: b, at: le32(b.data, b.tableAt+4*int(n)), node: n}
	s := r.fields()
	if !b.nodes[n].CompareAndSwap(nil, s) {
		s = b.nodes[n].Load() // another goroutine decoded it meanwhile
	}
	return s
}

func (r *bundleReader) sub() *Schema {
	n := r.uvarint()
	if n >= r.node {
		panic(errBadBundle)
	}
	return r.b.node(n)
}

func (r *bundleReader) subs() []*Schema {
	out := make([]*Schema, r.count())
	for i := range out {
		out[i] = r.sub()
	}
	return out
}

func (r *bundleReader) fields() *Schema {
	s := &Schema{}
	mask := r.uvarint()
	has := func(bit uint64) bool { return mask&bit != 0 }
	size := func(bit uint64) *int64 {
		if !has(bit) {
			return nil
		}
		v := r.varint()
		return &v
	}
	num := func(bit uint64) *float64 {
		if !has(bit) {
			return nil
		}
		v := r.float()
		return &v
	}
	if has(bType) {
		s.Type = r.str()
	}
	if has(bFormat) {
		s.Format = r.str()
	}
	if has(bProperties) {
		s.Properties = r.properties()
	}
	if has(bItems) {
		s.Items = r.sub()
	}
	if has(bAdditionalProperties) {
		s.AdditionalProperties = r.schemaOrBool()
	}
	if has(bRequired) {
		s.Required = r.strs()
	}
	if has(bEnum) {
		s.Enum = r.values()
	}
	if has(bPattern) {
		s.Pattern = r.str()
	}
	s.Minimum, s.Maximum = num(bMinimum), num(bMaximum)
	s.ExclusiveMinimum, s.ExclusiveMaximum = has(bExclusiveMinimum), has(bExclusiveMaximum)
	s.MinLength, s.MaxLength = size(bMinLength), size(bMaxLength)
	s.MinItems, s.MaxItems = size(bMinItems), size(bMaxItems)
	s.MinProperties, s.MaxProperties = size(bMinProperties), size(bMaxProperties)
	s.Nullable = has(bNullable)
	r.combinators(s, has)
	r.extensions(s, has)
	return s
}

func (r *bundleReader) combinators(s *Schema, has func(uint64) bool) {
	if has(bAllOf) {
		s.AllOf = r.subs()
	}
	if has(bAnyOf) {
		s.AnyOf = r.subs()
	}
	if has(bOneOf) {
		s.OneOf = r.subs()
	}
	if has(bNot) {
		s.Not = r.sub()
	}
	if has(bDefault) {
		s.Default = r.value()
	}
}

func (r *bundleReader) extensions(s *Schema, has func(uint64) bool) {
	if has(bPreserveUnknownFields) {
		v := r.byte() != 0
		s.PreserveUnknownFields = &v
	}
	s.IntOrString, s.EmbeddedResource = has(bIntOrString), has(bEmbeddedResource)
	if has(bListType) {
		s.ListType = r.str()
	}
	if has(bListMapKeys) {
		s.ListMapKeys = r.strs()
	}
	if has(bMapType) {
		s.MapType = r.str()
	}
	if has(bValidations) {
		s.Validations = r.validations()
	}
}

func (r *bundleReader) properties() map[string]*Schema {
	n := r.count()
	out := make(map[string]*Schema, n)
	for range n {
		name := r.str()
		out[name] = r.sub()
	}
	return out
}

func (r *bundleReader) schemaOrBool() *SchemaOrBool {
	switch r.byte() {
	case 0:
		return &SchemaOrBool{}
	case 1:
		return &SchemaOrBool{Allows: true}
	}
	return &SchemaOrBool{Allows: true, Schema: r.sub()}
}

func (r *bundleReader) validations() []ValidationRule {
	out := make([]ValidationRule, r.count())
	for i := range out {
		v := &out[i]
		v.Rule, v.Message, v.MessageExpression, v.Reason, v.FieldPath = r.str(), r.str(), r.str(), r.str(), r.str()
		if o := r.byte(); o != 0 {
			b := o == 2
			v.OptionalOldSelf = &b
		}
	}
	return out
}

func (r *bundleReader) values() []any {
	out := make([]any, r.count())
	for i := range out {
		out[i] = r.value()
	}
	return out
}

func (r *bundleReader) value() any {
	switch r.byte() {
	case vNull:
		return nil
	case vFalse:
		return false
	case vTrue:
		return true
	case vNumber:
		return r.float()
	case vString:
		return r.str()
	case vArray:
		return r.values()
	case vObject:
		n := r.count()
		m := make(map[string]any, n)
		for range n {
			k := r.str()
			m[k] = r.value()
		}
		return m
	}
	panic(errBadBundle)
}

// parsedCEL returns src parsed as the bundle stores it, if it does.
func parsedCEL(src string) (*cel.Ast, bool) {
	b, err := embeddedBundle()
	if err != nil {
		return nil, false
	}
	raw, ok := b.parsed[src]
	if !ok {
		return nil, false
	}
	var pe exprpb.ParsedExpr
	if err := proto.Unmarshal([]byte(raw), &pe); err != nil {
		return nil, false
	}
	return cel.ParsedExprToAstWithSource(&pe, common.NewTextSource(src)), true
}

// embeddedBundle is the bundle, its index read on first use.
var embeddedBundle = sync.OnceValues(func() (*bundle, error) { return openBundle(bundleData) })

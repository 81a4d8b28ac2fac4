package yamldoc

import (
	"encoding/binary"
	"math"
)

// The fast path shares identical collections between the documents one
// worker reads. Manifests repeat themselves: a Deployment's labels are
// also its selector's and its template's, every Service of an app
// selects the same labels, and a generated mesh repeats whole ports,
// probes and resources blocks. In a mesh of 10,000 resources only one
// mapping in four was unlike every other, and a mapping costs at least
// 336 bytes. Values are never written after loading (code that changes
// one copies it first, see TestLintLeavesValuesAlone), so one copy can
// stand for all.
//
// Only what is certainly identical is shared: the same entries in the
// same order, scalars of the same type and text, and collections that
// are themselves the same shared value. A document's root mapping is
// never shared: each resource has its own.

// fastEntry is an entry of a collection being read: its key (none in a
// sequence), its value, and the value's id when it is a shared collection.
type fastEntry struct {
	key   string
	value any
	id    uint32
}

// sharedCollections are the collections one worker read, by what they
// hold.
type sharedCollections struct {
	byKey  map[string]sharedCollection
	lastID uint32
	key    []byte // the key being built, reused
	// scratch is the worker's parser's line and entry buffers, kept from
	// one file to the next.
	scratch struct {
		lines   []fastLine
		entries []fastEntry
	}
}

type sharedCollection struct {
	value any
	id    uint32
}

// maxSharedKey bounds what a shared collection holds, as the length of
// its key; larger collections (a ConfigMap's script, say) rarely repeat.
// A collection of more than maxSharedEntries entries, whose key would be
// longer, is read into a collection of its own as soon as it has that
// many, as it was before collections were shared. A table that reaches
// maxSharedCollections starts again empty, as the interner's does.
const (
	maxSharedKey         = 512
	maxSharedEntries     = maxSharedKey / 2
	maxSharedCollections = 1 << 16
)

func newSharedCollections() *sharedCollections {
	return &sharedCollections{byKey: map[string]sharedCollection{}}
}

// keyOf is what identifies a collection of the kind ('m' mapping, 's'
// sequence) with the entries: ok is false when it cannot be shared.
func (s *sharedCollections) keyOf(kind byte, entries []fastEntry) (key []byte, ok bool) {
	b := append(s.key[:0], kind)
	for _, e := range entries {
		if kind == 'm' {
			b = binary.AppendUvarint(b, uint64(len(e.key)))
			b = append(b, e.key...)
		}
		switch v := e.value.(type) {
		case nil:
			b = append(b, 'n')
		case bool:
			b = append(b, 'f')
			if v {
				b[len(b)-1] = 't'
			}
		case int64:
			b = binary.LittleEndian.AppendUint64(append(b, 'i'), uint64(v))
		case float64:
			b = binary.LittleEndian.AppendUint64(append(b, 'd'), math.Float64bits(v))
		case string:
			b = binary.AppendUvarint(append(b, 's'), uint64(len(v)))
			b = append(b, v...)
		default: // a collection: shared, or this one cannot be
			if e.id == 0 {
				return nil, false
			}
			b = binary.LittleEndian.AppendUint32(append(b, 'c'), e.id)
		}
		if len(b) > maxSharedKey {
			return nil, false
		}
	}
	s.key = b
	return b, true
}

// add shares v under key and returns its id (0 when ids ran out).
func (s *sharedCollections) add(key []byte, v any) uint32 {
	if s.lastID == math.MaxUint32 {
		return 0
	}
	if len(s.byKey) >= maxSharedCollections {
		clear(s.byKey)
	}
	s.lastID++
	s.byKey[string(key)] = sharedCollection{value: v, id: s.lastID}
	return s.lastID
}

// push adds an entry to the collection being read; v was just read, so
// when it is a collection its id is the parser's last one.
func (p *fastParser) push(key string, v any) {
	var id uint32
	switch v.(type) {
	case map[string]any, []any:
		id = p.lastID
	}
	p.entries = append(p.entries, fastEntry{key: key, value: v, id: id})
}

// pushEntry adds an entry to the mapping whose entries start at start:
// to the entries, or to own once it has one (too many entries to share);
// ok is false at a duplicate key there.
func (p *fastParser) pushEntry(start int, own map[string]any, key string, v any) (_ map[string]any, ok bool) {
	if own != nil {
		size := len(own)
		own[key] = v
		return own, len(own) > size
	}
	if p.push(key, v); len(p.entries)-start <= maxSharedEntries {
		return nil, true
	}
	own, ok = mappingOf(p.entries[start:], 2*maxSharedEntries)
	p.entries = p.entries[:start]
	return own, ok
}

// pushItem is pushEntry for a sequence.
func (p *fastParser) pushItem(start int, own []any, v any) []any {
	if own != nil {
		return append(own, v)
	}
	if p.push("", v); len(p.entries)-start <= maxSharedEntries {
		return nil
	}
	own = sequenceOf(p.entries[start:], 2*maxSharedEntries)
	p.entries = p.entries[:start]
	return own
}

// mappingOf is a mapping of the entries, with room for size; ok is false
// at a duplicate key.
func mappingOf(entries []fastEntry, size int) (map[string]any, bool) {
	out := make(map[string]any, size)
	for _, e := range entries {
		out[e.key] = e.value
	}
	return out, len(out) == len(entries)
}

// sequenceOf is a sequence of the entries' values, with room for size.
func sequenceOf(entries []fastEntry, size int) []any {
	out := make([]any, len(entries), size)
	for i, e := range entries {
		out[i] = e.value
	}
	return out
}

// finishMapping makes the mapping whose entries were pushed since start,
// or finds it shared, or returns own, the mapping read on its own; ok is
// false at a duplicate key, which the yaml.v3 path reports.
func (p *fastParser) finishMapping(start int, own map[string]any) (out map[string]any, ok bool) {
	if own != nil {
		p.lastID = 0
		return own, true
	}
	entries := p.entries[start:]
	defer func() { p.entries = p.entries[:start] }()
	key, found := p.findShared('m', entries)
	if found != nil {
		return found.(map[string]any), true
	}
	if out, ok = mappingOf(entries, len(entries)); !ok {
		return nil, false
	}
	p.keep(key, out)
	return out, true
}

// finishSequence is finishMapping for a sequence. A shared sequence's
// length is its capacity, so that appending to it never writes into a
// shared array.
func (p *fastParser) finishSequence(start int, own []any) []any {
	if own != nil {
		p.lastID = 0
		return own
	}
	entries := p.entries[start:]
	defer func() { p.entries = p.entries[:start] }()
	key, found := p.findShared('s', entries)
	if found != nil {
		return found.([]any)
	}
	out := sequenceOf(entries, len(entries))
	p.keep(key, out)
	return out
}

// findShared is the collection of the kind with the entries that is
// already shared (nil: none), and the key to share a new one under (nil:
// it may not be shared).
func (p *fastParser) findShared(kind byte, entries []fastEntry) (key []byte, found any) {
	key, share := p.shareKey(kind, entries)
	if !share {
		return nil, nil
	}
	if c, ok := p.shared.byKey[string(key)]; ok {
		p.lastID = c.id
		return key, c.value
	}
	return key, nil
}

// keep records v, just made, as the collection read last: shared under
// key unless key is nil.
func (p *fastParser) keep(key []byte, v any) {
	p.lastID = 0
	if key != nil {
		p.lastID = p.shared.add(key, v)
	}
}

// shareKey is keyOf when the collection may be shared: not without a
// table, and not the document's root.
func (p *fastParser) shareKey(kind byte, entries []fastEntry) ([]byte, bool) {
	if p.shared == nil || p.depth <= 1 {
		return nil, false
	}
	return p.shared.keyOf(kind, entries)
}

// Package mutate makes random variants of JSON-like values (as decoded
// from YAML: maps, lists, scalars) for differential tests, which compare a
// fast path with the authoritative one on valid and invalid inputs alike.
package mutate

import (
	"maps"
	"math/rand/v2"
	"slices"
)

// Replacements are the values a mutation puts somewhere: every JSON type,
// out-of-range numbers, enum-like strings.
var Replacements = []any{nil, true, "x", "HTTP", "", int64(-1), int64(0), int64(1) << 40, 1.5, []any{}, []any{"a"}, map[string]any{}, map[string]any{"name": "a"}}

// Variants returns n copies of v, each with one change at a random place:
// a value replaced, a key removed, or a key added. v is not modified.
func Variants(v any, rng *rand.Rand, n int) []any {
	var out []any
	for range n {
		c := DeepCopy(v)
		var places []func()
		collectPlaces(c, rng, &places)
		if len(places) > 0 {
			places[rng.IntN(len(places))]()
			out = append(out, c)
		}
	}
	return out
}

// collectPlaces lists the changes possible in v, in a fixed order.
func collectPlaces(v any, rng *rand.Rand, places *[]func()) {
	switch v := v.(type) {
	case map[string]any:
		*places = append(*places, func() { v["zz"+Replacements[rng.IntN(3)+2].(string)] = int64(1) })
		for _, k := range slices.Sorted(maps.Keys(v)) {
			*places = append(*places,
				func() { v[k] = Replacements[rng.IntN(len(Replacements))] },
				func() { delete(v, k) })
			collectPlaces(v[k], rng, places)
		}
	case []any:
		for i := range v {
			*places = append(*places, func() { v[i] = Replacements[rng.IntN(len(Replacements))] })
			collectPlaces(v[i], rng, places)
		}
	}
}

// DeepCopy copies maps and lists; scalars are shared.
func DeepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = DeepCopy(e)
		}
		return m
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = DeepCopy(e)
		}
		return a
	}
	return v
}

package validation

import (
	"maps"
	"slices"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/graph"
)

// fieldMatch is one StringMatch of an HTTP match: the match field it
// belongs to (uri, headers...), its path, and the match.
type fieldMatch struct {
	field, path string
	sm          *networking.StringMatch
}

// httpMatchStrings lists the StringMatch fields of an HTTP match (map
// entries in key order), with paths under base.
func httpMatchStrings(base string, m *networking.HTTPMatchRequest) []fieldMatch {
	var out []fieldMatch
	for _, f := range []struct {
		name string
		sm   *networking.StringMatch
	}{{"uri", m.GetUri()}, {"scheme", m.GetScheme()}, {"method", m.GetMethod()}, {"authority", m.GetAuthority()}} {
		if f.sm != nil {
			out = append(out, fieldMatch{f.name, base + "." + f.name, f.sm})
		}
	}
	for _, f := range []struct {
		name string
		m    map[string]*networking.StringMatch
	}{{"headers", m.GetHeaders()}, {"queryParams", m.GetQueryParams()}, {"withoutHeaders", m.GetWithoutHeaders()}} {
		if len(f.m) == 0 {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(f.m)) {
			out = append(out, fieldMatch{f.name, graph.JoinPath(base+"."+f.name, k), f.m[k]})
		}
	}
	return out
}

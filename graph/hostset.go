package graph

import "strings"

// HostSet answers whether one of its hosts matches a host as HostsMatch
// does, without comparing with each of them: plain hosts are looked up by
// name and wildcards by suffix, so that a Gateway with thousands of hosts,
// each with its VirtualService, costs linear time. A wildcard's suffix is
// what follows its `*`; an aligned suffix is empty or starts with a dot.
// Wildcards whose suffix is not aligned (`*foo.com`, which Istio rejects
// but HostsMatch reads literally) are few and compared one by one.
type HostSet struct {
	plain     map[string]bool // plain hosts
	plainTail map[string]bool // the dot tails of plain hosts (see dotTails)
	wild      map[string]bool // aligned wildcard suffixes
	wildTail  map[string]bool // the dot tails of aligned wildcard suffixes
	odd       []string        // suffixes of the other wildcards
}

// NewHostSet returns a set holding hosts.
func NewHostSet(hosts ...string) *HostSet {
	s := &HostSet{plain: map[string]bool{}, plainTail: map[string]bool{}, wild: map[string]bool{}, wildTail: map[string]bool{}}
	for _, h := range hosts {
		s.Add(h)
	}
	return s
}

// Add puts host in the set.
func (s *HostSet) Add(host string) {
	switch suffix, wildcard := strings.CutPrefix(host, "*"); {
	case !wildcard:
		s.plain[host] = true
		addDotTails(s.plainTail, host)
	case aligned(suffix):
		s.wild[suffix] = true
		addDotTails(s.wildTail, suffix)
	default:
		s.odd = append(s.odd, suffix)
	}
}

// Match reports whether a host of the set matches host (HostsMatch).
func (s *HostSet) Match(host string) bool {
	suffix, wildcard := strings.CutPrefix(host, "*")
	switch {
	case !wildcard:
		// a plain host equal to it, or a wildcard whose suffix it ends with
		return s.plain[host] || anyDotTail(s.wild, host) || s.oddMatch(host, false)
	case !aligned(suffix):
		return s.scan(suffix)
	}
	// a plain host or a wildcard suffix that ends with suffix, or a
	// wildcard suffix that suffix ends with
	return s.plainTail[suffix] || s.wildTail[suffix] || anyDotTail(s.wild, suffix) || s.oddMatch(suffix, true)
}

// oddMatch compares with the unaligned wildcards: a plain host must end
// with their suffix, a wildcard's suffix end with theirs or the reverse.
func (s *HostSet) oddMatch(host string, wildcard bool) bool {
	for _, o := range s.odd {
		if strings.HasSuffix(host, o) || (wildcard && strings.HasSuffix(o, host)) {
			return true
		}
	}
	return false
}

// scan compares an unaligned wildcard suffix with every host of the set.
func (s *HostSet) scan(suffix string) bool {
	for h := range s.plain {
		if strings.HasSuffix(h, suffix) {
			return true
		}
	}
	for w := range s.wild {
		if strings.HasSuffix(w, suffix) || strings.HasSuffix(suffix, w) {
			return true
		}
	}
	return s.oddMatch(suffix, true)
}

func aligned(suffix string) bool { return suffix == "" || suffix[0] == '.' }

// dotTails of a host are "" and each of its suffixes that starts with a
// dot: an aligned suffix ends a host exactly when it is one of them.
func addDotTails(set map[string]bool, host string) {
	set[""] = true
	for i := range len(host) {
		if host[i] == '.' {
			set[host[i:]] = true
		}
	}
}

func anyDotTail(set map[string]bool, host string) bool {
	if set[""] {
		return true
	}
	for i := range len(host) {
		if host[i] == '.' && set[host[i:]] {
			return true
		}
	}
	return false
}

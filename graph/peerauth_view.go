package graph

import (
	"slices"
	"strconv"
	"sync"

	security "istio.io/api/security/v1beta1"
)

// PeerAuthentication modes, as Istio spells them.
const (
	MTLSDisable    = "DISABLE"
	MTLSPermissive = "PERMISSIVE"
	MTLSStrict     = "STRICT"
)

// PeerAuthMode is the mTLS mode a workload accepts and the
// PeerAuthentication that decides it.
type PeerAuthMode struct {
	// Mode is DISABLE, PERMISSIVE or STRICT; "" when the files cannot
	// tell (two policies at one level that disagree).
	Mode string
	// Source decides Mode; nil for the mesh default, PERMISSIVE.
	Source *Resource
	// PortLevel is true when the workload's own policy sets a mode per
	// port: Mode then holds only for the ports it does not list.
	PortLevel bool
	// Path is the field of Source that sets Mode.
	Path string
}

// peerAuthIndex holds the decoded PeerAuthentications by namespace.
type peerAuthIndex struct {
	once sync.Once
	byNS map[string][]*Resource
}

func (g *Graph) peerAuths(ns string) []*Resource {
	g.peerAuth.once.Do(func() {
		g.peerAuth.byNS = map[string][]*Resource{}
		for _, r := range g.OfKind(KindPeerAuthentication) {
			if r.PeerAuthentication() != nil && g.Get(r.Key()) == r {
				g.peerAuth.byNS[r.Namespace] = append(g.peerAuth.byNS[r.Namespace], r)
			}
		}
	})
	return g.peerAuth.byNS[ns]
}

// PeerAuthentication returns the typed spec of a PeerAuthentication.
func (r *Resource) PeerAuthentication() *security.PeerAuthentication {
	s, _ := r.Spec.(*security.PeerAuthentication)
	return s
}

// WorkloadPeerAuth is the mode w accepts, as Istio resolves it: a policy
// of w's namespace whose selector matches w, else the namespace's policy
// without selector, else the mesh-wide one (no selector, root
// namespace), else PERMISSIVE. A level whose mode is UNSET inherits.
func (g *Graph) WorkloadPeerAuth(w *Workload) PeerAuthMode {
	selected := g.selectedPeerAuths(w)
	m, decided := peerAuthLevel(selected)
	m.PortLevel = slices.ContainsFunc(selected, func(r *Resource) bool {
		return len(r.PeerAuthentication().GetPortLevelMtls()) > 0
	})
	if decided {
		return m
	}
	parent := g.NamespacePeerAuth(w.Namespace)
	parent.PortLevel = m.PortLevel
	return parent
}

// selectedPeerAuths are the policies of w's namespace whose selector
// matches w.
func (g *Graph) selectedPeerAuths(w *Workload) []*Resource {
	var selected []*Resource
	for _, r := range g.peerAuths(w.Namespace) {
		if sel := r.PeerAuthentication().GetSelector().GetMatchLabels(); len(sel) > 0 && SelectorMatches(sel, w.Labels) {
			selected = append(selected, r)
		}
	}
	return selected
}

// WorkloadPortPeerAuth is the mode w accepts on its container port: the
// portLevelMtls entry of w's own policy for that port when it sets one,
// else WorkloadPeerAuth. Mode is "" when two policies select w and one of
// them sets the port (Istio uses the oldest, which the files do not say).
func (g *Graph) WorkloadPortPeerAuth(w *Workload, port int) PeerAuthMode {
	m := g.WorkloadPeerAuth(w)
	if !m.PortLevel {
		return m
	}
	selected := g.selectedPeerAuths(w)
	for _, r := range selected {
		pm, ok := r.PeerAuthentication().GetPortLevelMtls()[uint32(port)]
		if !ok || pm.GetMode() == security.PeerAuthentication_MutualTLS_UNSET {
			continue
		}
		if len(selected) > 1 {
			return PeerAuthMode{}
		}
		return PeerAuthMode{Mode: pm.GetMode().String(), Source: r, Path: JoinPath("spec.portLevelMtls", strconv.Itoa(port)) + ".mode"}
	}
	m.PortLevel = false
	return m
}

// NamespacePeerAuth is the mode of the pods of ns that no policy with a
// selector matches.
func (g *Graph) NamespacePeerAuth(ns string) PeerAuthMode {
	if m, decided := peerAuthLevel(namespaceWide(g.peerAuths(ns))); decided {
		return m
	}
	if root := g.opts.Mesh.RootNamespace; root != ns {
		if m, decided := peerAuthLevel(namespaceWide(g.peerAuths(root))); decided {
			return m
		}
	}
	return PeerAuthMode{Mode: MTLSPermissive}
}

func namespaceWide(rs []*Resource) []*Resource {
	var out []*Resource
	for _, r := range rs {
		if len(r.PeerAuthentication().GetSelector().GetMatchLabels()) == 0 {
			out = append(out, r)
		}
	}
	return out
}

// peerAuthLevel is the mode the policies of one level set: decided is
// false when none sets one (absent or UNSET), and Mode is "" when they
// disagree (Istio takes the oldest, which the files do not say).
func peerAuthLevel(rs []*Resource) (m PeerAuthMode, decided bool) {
	for _, r := range rs {
		mode := r.PeerAuthentication().GetMtls().GetMode()
		if mode == security.PeerAuthentication_MutualTLS_UNSET {
			continue
		}
		if decided && m.Mode != mode.String() {
			return PeerAuthMode{}, true
		}
		m, decided = PeerAuthMode{Mode: mode.String(), Source: r, Path: "spec.mtls.mode"}, true
	}
	return m, decided
}

package graph

// KindCustomResourceDefinition is the kind that defines custom kinds.
var KindCustomResourceDefinition = GroupKind{"apiextensions.k8s.io", "CustomResourceDefinition"}

// DefinedKind is the kind a CustomResourceDefinition defines (spec.group
// and spec.names.kind); ok is false for any other resource, or a CRD
// without both.
func DefinedKind(crd *Resource) (gk GroupKind, ok bool) {
	if !crd.Is(KindCustomResourceDefinition) {
		return GroupKind{}, false
	}
	group, _ := crd.ValueAt("spec.group")
	kind, _ := crd.ValueAt("spec.names.kind")
	g, _ := group.(string)
	k, _ := kind.(string)
	return GroupKind{g, k}, g != "" && k != ""
}

// Definitions are the CustomResourceDefinitions in the input, applied
// ones only, by the kind they define.
func (g *Graph) Definitions() map[GroupKind][]*Resource {
	defs := map[GroupKind][]*Resource{}
	for _, crd := range g.OfKind(KindCustomResourceDefinition) {
		if gk, ok := DefinedKind(crd); ok && crd.ShadowedBy == nil {
			defs[gk] = append(defs[gk], crd)
		}
	}
	return defs
}

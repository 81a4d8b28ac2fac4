package graph

import networking "istio.io/api/networking/v1alpha3"

// Typed accessors: nil when the resource is another kind or its spec did
// not decode.

// VirtualService returns the typed spec of a VirtualService.
func (r *Resource) VirtualService() *networking.VirtualService {
	s, _ := r.Spec.(*networking.VirtualService)
	return s
}

// DestinationRule returns the typed spec of a DestinationRule.
func (r *Resource) DestinationRule() *networking.DestinationRule {
	s, _ := r.Spec.(*networking.DestinationRule)
	return s
}

// Gateway returns the typed spec of an Istio Gateway.
func (r *Resource) Gateway() *networking.Gateway {
	s, _ := r.Spec.(*networking.Gateway)
	return s
}

// ServiceEntry returns the typed spec of a ServiceEntry.
func (r *Resource) ServiceEntry() *networking.ServiceEntry {
	s, _ := r.Spec.(*networking.ServiceEntry)
	return s
}

// EnvoyFilter returns the typed spec of an EnvoyFilter.
func (r *Resource) EnvoyFilter() *networking.EnvoyFilter {
	s, _ := r.Spec.(*networking.EnvoyFilter)
	return s
}

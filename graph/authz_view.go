package graph

import security "istio.io/api/security/v1beta1"

// AuthorizationPolicy returns the typed spec of an AuthorizationPolicy.
func (r *Resource) AuthorizationPolicy() *security.AuthorizationPolicy {
	s, _ := r.Spec.(*security.AuthorizationPolicy)
	return s
}

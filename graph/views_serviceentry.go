package graph

// AllocatedAddress is an address Istio allocated to a ServiceEntry host
// and wrote to its status (manifests exported from a cluster carry it).
type AllocatedAddress struct {
	Host  string
	Value string
}

// StatusAddresses lists a ServiceEntry's status.addresses, one per entry
// written, whatever its shape: an entry Istio wrote is an allocation even
// if a field of it is missing here.
func (r *Resource) StatusAddresses() []AllocatedAddress {
	status, _ := r.Object["status"].(map[string]any)
	list, _ := status["addresses"].([]any)
	var out []AllocatedAddress
	for _, a := range list {
		m, _ := a.(map[string]any)
		host, _ := m["host"].(string)
		value, _ := m["value"].(string)
		out = append(out, AllocatedAddress{Host: host, Value: value})
	}
	return out
}

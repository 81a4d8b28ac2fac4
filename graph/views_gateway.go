package graph

// ListenerHostnames reads a Gateway API Gateway's listener hostnames in
// order. all is true when a listener has no hostname: it serves every host.
func (r *Resource) ListenerHostnames() (hosts []string, all bool) {
	spec, _ := r.Object["spec"].(map[string]any)
	listeners, _ := spec["listeners"].([]any)
	for _, l := range listeners {
		lm, _ := l.(map[string]any)
		h, _ := lm["hostname"].(string)
		if h == "" {
			return nil, true
		}
		hosts = append(hosts, h)
	}
	return hosts, false
}

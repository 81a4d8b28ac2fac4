package graph

import (
	"slices"
	"strconv"
	"strings"
)

// Admission webhook configurations, which install the sidecar injector and
// Istio's config validation.
var (
	KindMutatingWebhookConfiguration   = GroupKind{"admissionregistration.k8s.io", "MutatingWebhookConfiguration"}
	KindValidatingWebhookConfiguration = GroupKind{"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"}
)

// Webhook is one entry of a webhook configuration's webhooks list.
type Webhook struct {
	Config *Resource
	Name   string
	Path   string // webhooks[i]
	// URL is clientConfig.url; HasURL is false when it is absent, null or "".
	URL    string
	HasURL bool
	// Service is clientConfig.service as namespace/name; "" when absent.
	Service           string
	NamespaceSelector LabelSelector
	ObjectSelector    LabelSelector
}

// Webhooks returns the webhooks of a Mutating- or
// ValidatingWebhookConfiguration in order.
func Webhooks(r *Resource) []Webhook {
	list, _ := r.Object["webhooks"].([]any)
	var out []Webhook
	for i, item := range list {
		m, _ := item.(map[string]any)
		name, _ := m["name"].(string)
		wh := Webhook{Config: r, Name: name, Path: "webhooks[" + strconv.Itoa(i) + "]"}
		cc, _ := m["clientConfig"].(map[string]any)
		wh.URL, _ = cc["url"].(string)
		wh.HasURL = wh.URL != ""
		if svc, ok := cc["service"].(map[string]any); ok {
			ns, _ := svc["namespace"].(string)
			n, _ := svc["name"].(string)
			wh.Service = ns + "/" + n
		}
		wh.NamespaceSelector = parseLabelSelector(m["namespaceSelector"])
		wh.ObjectSelector = parseLabelSelector(m["objectSelector"])
		out = append(out, wh)
	}
	return out
}

// IstioWebhook reports whether a webhook is Istio's: its name ends in
// istio.io, as the names of every webhook Istio's charts install do.
func (w Webhook) IstioWebhook() bool { return strings.HasSuffix(w.Name, "istio.io") }

// LabelSelector is a Kubernetes metav1.LabelSelector. A nil selector (the
// field absent) matches everything, as does an empty one.
type LabelSelector struct {
	MatchLabels map[string]string
	Expressions []SelectorRequirement
	// Invalid is set when the selector cannot be read (an unknown
	// operator, a value of the wrong type): Kubernetes matches nothing.
	Invalid bool
	// Templated is set when a key or value holds a template placeholder.
	Templated bool
}

// SelectorRequirement is one matchExpressions entry.
type SelectorRequirement struct {
	Key      string
	Operator string // In, NotIn, Exists, DoesNotExist
	Values   []string
}

func parseLabelSelector(v any) LabelSelector {
	var s LabelSelector
	if v == nil {
		return s
	}
	m, ok := v.(map[string]any)
	if !ok {
		return LabelSelector{Invalid: true}
	}
	if ml, ok := m["matchLabels"].(map[string]any); ok {
		s.MatchLabels = map[string]string{}
		for k, val := range ml {
			str, ok := val.(string)
			s.Invalid = s.Invalid || !ok
			s.Templated = s.Templated || HasPlaceholder(k) || HasPlaceholder(str)
			s.MatchLabels[k] = str
		}
	}
	exprs, _ := m["matchExpressions"].([]any)
	for _, e := range exprs {
		em, _ := e.(map[string]any)
		req := SelectorRequirement{}
		req.Key, _ = em["key"].(string)
		req.Operator, _ = em["operator"].(string)
		vals, _ := em["values"].([]any)
		for _, val := range vals {
			str, _ := val.(string)
			s.Templated = s.Templated || HasPlaceholder(str)
			req.Values = append(req.Values, str)
		}
		s.Templated = s.Templated || HasPlaceholder(req.Key)
		if !slices.Contains([]string{"In", "NotIn", "Exists", "DoesNotExist"}, req.Operator) {
			s.Invalid = true
		}
		s.Expressions = append(s.Expressions, req)
	}
	return s
}

// Matches reports whether labels satisfy the selector, as Kubernetes
// decides: every matchLabels pair and every expression.
func (s LabelSelector) Matches(labels map[string]string) bool {
	if s.Invalid {
		return false
	}
	if !SelectorMatches(s.MatchLabels, labels) {
		return false
	}
	for _, e := range s.Expressions {
		v, has := labels[e.Key]
		var ok bool
		switch e.Operator {
		case "In":
			ok = has && slices.Contains(e.Values, v)
		case "NotIn":
			ok = !has || !slices.Contains(e.Values, v)
		case "Exists":
			ok = has
		case "DoesNotExist":
			ok = !has
		}
		if !ok {
			return false
		}
	}
	return true
}

// Values returns every value the selector names for key, in matchLabels
// or in In and NotIn expressions.
func (s LabelSelector) Values(key string) []string {
	var out []string
	if v, ok := s.MatchLabels[key]; ok {
		out = append(out, v)
	}
	for _, e := range s.Expressions {
		if e.Key == key {
			out = append(out, e.Values...)
		}
	}
	return out
}

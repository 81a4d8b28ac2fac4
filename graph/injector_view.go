package graph

import (
	"encoding/json"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// KindProxyConfig is Istio's ProxyConfig resource.
var KindProxyConfig = GroupKind{GroupNetworking, "ProxyConfig"}

// InjectorConfigMapName is the name of the ConfigMap holding the sidecar
// injector's template and values for a revision.
func InjectorConfigMapName(revision string) string {
	if revision == "" || revision == "default" {
		return "istio-sidecar-injector"
	}
	return "istio-sidecar-injector-" + revision
}

// InjectorProxyImage returns the proxy image the injector of a revision
// writes into pods, read from its ConfigMap in the files (data.values:
// global.proxy.image, prefixed with global.hub and suffixed with
// global.tag unless it holds a "/", as the injection template does).
// cm is nil when the ConfigMap is not in the files or says no image.
func (g *Graph) InjectorProxyImage(revision string) (image string, cm *Resource) {
	name := InjectorConfigMapName(revision)
	for _, r := range g.OfKind(KindConfigMap) {
		if r.Name != name || r.ShadowedBy != nil {
			continue
		}
		if image := injectorValuesImage(r); image != "" {
			return image, r
		}
	}
	return "", nil
}

// injectorValues are the fields meshlint reads from an injector
// ConfigMap's data.values (JSON): the proxy image and whether unlabelled
// namespaces are injected.
type injectorValues struct {
	Global struct {
		Hub   string `json:"hub"`
		Tag   any    `json:"tag"`
		Proxy struct {
			Image string `json:"image"`
		} `json:"proxy"`
	} `json:"global"`
	SidecarInjectorWebhook struct {
		EnableNamespacesByDefault *bool `json:"enableNamespacesByDefault"`
	} `json:"sidecarInjectorWebhook"`
}

// readInjectorValues decodes data.values of an injector ConfigMap; raw is
// the text, ok is false when there is none or it does not decode.
func readInjectorValues(r *Resource) (v injectorValues, raw string, ok bool) {
	data, _ := r.Object["data"].(map[string]any)
	raw, _ = data["values"].(string)
	if raw == "" || json.Unmarshal([]byte(raw), &v) != nil {
		return v, raw, false
	}
	return v, raw, true
}

func injectorValuesImage(r *Resource) string {
	v, raw, ok := readInjectorValues(r)
	if !ok || HasPlaceholder(raw) || v.Global.Proxy.Image == "" {
		return ""
	}
	if strings.Contains(v.Global.Proxy.Image, "/") {
		return v.Global.Proxy.Image
	}
	tag, ok := v.Global.Tag.(string)
	if !ok || v.Global.Hub == "" || tag == "" {
		return ""
	}
	return v.Global.Hub + "/" + v.Global.Proxy.Image + ":" + tag
}

// ProxyImageType returns the proxy image variant ("", distroless, debug)
// for the pods of workload r: the mesh config's defaultConfig, overridden
// by a ProxyConfig of the root namespace, one without selector in r's
// namespace, one selecting r's pods, then the pod's proxy.istio.io/config
// annotation. "default" is "".
func (g *Graph) ProxyImageType(r *Resource) string {
	variant := ""
	if dc := g.opts.Mesh.DefaultConfig; dc != nil && dc.Image.ImageType != "" {
		variant = dc.Image.ImageType
	}
	root, ns, wl := "", "", ""
	for _, pc := range g.OfKind(KindProxyConfig) {
		if pc.ShadowedBy != nil {
			continue
		}
		t, _ := pc.ValueAt("spec.image.imageType")
		ts, _ := t.(string)
		sel, _ := pc.ValueAt("spec.selector.matchLabels")
		switch {
		case ts == "":
		case pc.Namespace == g.opts.Mesh.RootNamespace:
			root = ts
		case pc.Namespace != r.Namespace:
		case sel == nil:
			ns = ts
		case r.Workload != nil && len(stringMap(sel)) > 0 && SelectorMatches(stringMap(sel), r.Workload.Labels):
			wl = ts
		}
	}
	for _, t := range []string{root, ns, wl, annotationImageType(r)} {
		if t != "" {
			variant = t
		}
	}
	if variant == "default" {
		return ""
	}
	return variant
}

// annotationImageType reads image.imageType from the pod's
// proxy.istio.io/config annotation.
func annotationImageType(r *Resource) string {
	if r.Workload == nil {
		return ""
	}
	v := r.Workload.Annotations["proxy.istio.io/config"]
	// No anchors or aliases: an annotation is no place for them, and
	// expanding them is unbounded.
	if v == "" || strings.ContainsAny(v, "&*") {
		return ""
	}
	var pc ProxyConfig
	if yaml.Unmarshal([]byte(v), &pc) != nil {
		return ""
	}
	return pc.Image.ImageType
}

package graph

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"

	meshconfig "istio.io/api/mesh/v1alpha1"

	"github.com/meshlint/meshlint/graph/fieldpath"
	"github.com/meshlint/meshlint/graph/istiospec"
)

// IsIstioKind reports whether gk is an Istio configuration kind.
func IsIstioKind(gk GroupKind) bool { return istiospec.Known(gk.Group, gk.Kind) }

// decodeSpecs fills the typed views of a resource. Failures are recorded on
// the resource; it stays in the graph either way.
func decodeSpecs(r *Resource) {
	gk := r.GroupKind()
	switch {
	case IsIstioKind(gk):
		r.Spec, r.SpecError = istiospec.Decode(gk.Group, gk.Kind, r.Object["spec"])
		if vs := r.VirtualService(); vs != nil {
			r.destinations = VirtualServiceDestinations(vs)
		}
	case IsInstallConfig(gk):
		r.SpecError = decodeInstallMeshConfig(r.Object)
	case gk == KindService:
		r.Service = decodeService(r.Object)
	case isWorkloadKind(gk):
		r.Workload = decodeWorkload(gk, r)
	}
}

// installMeshConfigPath is where an IstioOperator holds its MeshConfig,
// the part of it istio.io/api types; its other fields (values, components)
// are typed only inside istioctl.
const installMeshConfigPath = "spec.meshConfig"

// decodeInstallMeshConfig decodes the MeshConfig of install-time
// configuration, which istioctl validates before installing.
func decodeInstallMeshConfig(obj map[string]any) error {
	spec, _ := obj["spec"].(map[string]any)
	mc, ok := spec["meshConfig"]
	if !ok {
		return nil
	}
	return istiospec.DecodeInto(&meshconfig.MeshConfig{}, mc)
}

// specPath is the field a SpecError is about.
func (r *Resource) specPath() string {
	if IsInstallConfig(r.GroupKind()) {
		return installMeshConfigPath
	}
	return "spec"
}

// specType names the type the field at specPath failed to decode into.
func (r *Resource) specType() string {
	if IsInstallConfig(r.GroupKind()) {
		return "MeshConfig"
	}
	return r.Kind
}

// ServicePort is one port of a Kubernetes Service.
type ServicePort struct {
	Name        string
	Port        int
	TargetPort  string
	Protocol    string
	AppProtocol string
}

// ServiceSpec is the part of a Service the analyzers read.
type ServiceSpec struct {
	Type     string
	Selector map[string]string
	Ports    []ServicePort
}

func decodeService(obj map[string]any) *ServiceSpec {
	spec, _ := obj["spec"].(map[string]any)
	s := &ServiceSpec{Selector: stringMap(spec["selector"])}
	s.Type, _ = spec["type"].(string)
	ports, _ := spec["ports"].([]any)
	for _, p := range ports {
		pm, _ := p.(map[string]any)
		sp := ServicePort{Port: intValue(pm["port"]), TargetPort: scalarString(pm["targetPort"])}
		sp.Name, _ = pm["name"].(string)
		sp.Protocol, _ = pm["protocol"].(string)
		sp.AppProtocol, _ = pm["appProtocol"].(string)
		s.Ports = append(s.Ports, sp)
	}
	return s
}

// WorkloadSpec is the pod template of a workload (or the Pod itself).
type WorkloadSpec struct {
	// TemplatePath is the field path of the pod template ("" for Pods).
	TemplatePath string
	Labels       map[string]string
	Annotations  map[string]string
	Containers   []string
	// InitContainers lists init container names.
	InitContainers []string
	// ProxyImage is true when a container runs Istio's proxy image
	// (proxyv2): a gateway, or a pod captured already injected.
	ProxyImage bool
	// ProxyAutoPath is the image field of an istio-proxy container whose
	// image is "auto": a placeholder the injector fills in (gateways are
	// deployed so), not a proxy; "" when there is none.
	ProxyAutoPath string
	// RunAs is the user the pod and each of its containers run as.
	RunAs PodRunAs
	// HostNetwork is spec.hostNetwork: true; such pods are never injected.
	HostNetwork bool
	// Refs are the ServiceAccount, ConfigMaps and Secrets the pod spec names.
	Refs []PodRef
	// injection is Graph.Injection's verdict, once decided.
	injection atomic.Pointer[InjectionVerdict]
}

func isWorkloadKind(gk GroupKind) bool { _, ok := workloadTemplatePaths[gk]; return ok }

func decodeWorkload(gk GroupKind, r *Resource) *WorkloadSpec {
	path := workloadTemplatePaths[gk]
	w := &WorkloadSpec{TemplatePath: path}
	tmpl := r.Object
	if path != "" {
		tmpl = lookupMap(r.Object, path)
	}
	meta, _ := tmpl["metadata"].(map[string]any)
	w.Labels, w.Annotations = stringMap(meta["labels"]), stringMap(meta["annotations"])
	podSpec, _ := tmpl["spec"].(map[string]any)
	w.Containers = containerNames(podSpec["containers"])
	w.InitContainers = containerNames(podSpec["initContainers"])
	w.ProxyImage = runsProxyImage(podSpec["containers"])
	w.ProxyAutoPath = proxyAutoPath(podSpec["containers"], path)
	w.RunAs = decodeRunAs(podSpec)
	w.HostNetwork = podSpec["hostNetwork"] == true
	w.Refs = decodePodRefs(podSpec, JoinPath(path, "spec"))
	return w
}

func containerNames(v any) []string {
	list, _ := v.([]any)
	var names []string
	for _, c := range list {
		cm, _ := c.(map[string]any)
		if n, ok := cm["name"].(string); ok {
			names = append(names, n)
		}
	}
	return names
}

// runsProxyImage reports whether a container's image is Istio's proxy,
// whatever the registry and tag: .../proxyv2:1.24, proxyv2@sha256:...
func runsProxyImage(v any) bool {
	list, _ := v.([]any)
	for _, c := range list {
		cm, _ := c.(map[string]any)
		image, _ := cm["image"].(string)
		image = image[strings.LastIndex(image, "/")+1:]
		if name, _, _ := strings.Cut(strings.SplitN(image, "@", 2)[0], ":"); name == "proxyv2" {
			return true
		}
	}
	return false
}

// proxyAutoPath returns the image path of the istio-proxy container
// whose image is "auto", or "" (tmpl: the pod template's path).
func proxyAutoPath(v any, tmpl string) string {
	list, _ := v.([]any)
	for i, c := range list {
		cm, _ := c.(map[string]any)
		if cm["name"] == "istio-proxy" && cm["image"] == "auto" {
			return JoinPath(IndexPath(JoinPath(tmpl, "spec", "containers"), i), "image")
		}
	}
	return ""
}

// lookupMap walks a dotted path of plain keys through nested maps.
func lookupMap(obj map[string]any, path string) map[string]any {
	segs, _ := fieldpath.Parse(path)
	cur := obj
	for _, s := range segs {
		next, _ := cur[s.Key].(map[string]any)
		if next == nil {
			return nil
		}
		cur = next
	}
	return cur
}

// intValue reads an integer field; 0 when it is not one. A float is taken
// only when it is a whole number an int holds: converting 1e20 gives
// whatever the platform makes of it (TestIntValueOutOfRange).
func intValue(v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) <= 1<<53 {
			return int(v)
		}
		return 0
	case string:
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return 0
}

func scalarString(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

package graph

import "github.com/meshlint/meshlint/graph/fieldpath"

// Kinds a pod spec names by reference.
var (
	KindServiceAccount = GroupKind{"", "ServiceAccount"}
	KindConfigMap      = GroupKind{"", "ConfigMap"}
	KindSecret         = GroupKind{"", "Secret"}
)

// How a pod spec uses an object it names; what a missing object does to
// the pods depends on it.
const (
	PodUseServiceAccount = "serviceAccount"   // spec.serviceAccountName (or serviceAccount)
	PodUseVolume         = "volume"           // volumes[].configMap/secret, projected sources
	PodUseEnv            = "env"              // env[].valueFrom.*KeyRef, envFrom[].*Ref
	PodUseImagePull      = "imagePullSecrets" // spec.imagePullSecrets[].name
)

// PodRef is an object in the pod's namespace that a pod spec names: a
// ServiceAccount, ConfigMap or Secret.
type PodRef struct {
	Kind GroupKind
	Name string
	// Path is the field of the workload that names it.
	Path string
	Use  string // one of the PodUse constants
	// Optional is `optional: true`: the pod starts without the object.
	Optional bool
}

// decodePodRefs lists the references of podSpec, found at spec (its field
// path in the resource), in field order: service account, image pull
// secrets, volumes, then each container's (init containers first) env.
func decodePodRefs(podSpec map[string]any, spec string) []PodRef {
	var refs []PodRef
	add := func(kind GroupKind, name any, path, use string, optional any) {
		if n, ok := name.(string); ok && n != "" {
			refs = append(refs, PodRef{Kind: kind, Name: n, Path: path, Use: use, Optional: optional == true})
		}
	}
	// serviceAccount is the deprecated alias; serviceAccountName wins.
	if n, ok := podSpec["serviceAccountName"].(string); ok && n != "" {
		add(KindServiceAccount, n, JoinPath(spec, "serviceAccountName"), PodUseServiceAccount, nil)
	} else {
		add(KindServiceAccount, podSpec["serviceAccount"], JoinPath(spec, "serviceAccount"), PodUseServiceAccount, nil)
	}
	for i, s := range listOfMaps(podSpec["imagePullSecrets"]) {
		add(KindSecret, s["name"], JoinPath(fieldpath.Index(JoinPath(spec, "imagePullSecrets"), i), "name"), PodUseImagePull, nil)
	}
	for i, v := range listOfMaps(podSpec["volumes"]) {
		volumeRefs(v, fieldpath.Index(JoinPath(spec, "volumes"), i), add)
	}
	for _, field := range []string{"initContainers", "containers"} {
		for i, c := range listOfMaps(podSpec[field]) {
			envRefs(c, fieldpath.Index(JoinPath(spec, field), i), add)
		}
	}
	return refs
}

type addRef func(kind GroupKind, name any, path, use string, optional any)

// volumeRefs adds the ConfigMap and Secret a volume mounts, directly or
// as projected sources.
func volumeRefs(v map[string]any, path string, add addRef) {
	if cm, ok := v["configMap"].(map[string]any); ok {
		add(KindConfigMap, cm["name"], JoinPath(path, "configMap", "name"), PodUseVolume, cm["optional"])
	}
	if s, ok := v["secret"].(map[string]any); ok {
		add(KindSecret, s["secretName"], JoinPath(path, "secret", "secretName"), PodUseVolume, s["optional"])
	}
	projected, _ := v["projected"].(map[string]any)
	for i, src := range listOfMaps(projected["sources"]) {
		p := fieldpath.Index(JoinPath(path, "projected", "sources"), i)
		if cm, ok := src["configMap"].(map[string]any); ok {
			add(KindConfigMap, cm["name"], JoinPath(p, "configMap", "name"), PodUseVolume, cm["optional"])
		}
		if s, ok := src["secret"].(map[string]any); ok {
			add(KindSecret, s["name"], JoinPath(p, "secret", "name"), PodUseVolume, s["optional"])
		}
	}
}

// envRefs adds the ConfigMaps and Secrets a container reads its
// environment from.
func envRefs(c map[string]any, path string, add addRef) {
	for i, e := range listOfMaps(c["envFrom"]) {
		p := fieldpath.Index(JoinPath(path, "envFrom"), i)
		if r, ok := e["configMapRef"].(map[string]any); ok {
			add(KindConfigMap, r["name"], JoinPath(p, "configMapRef", "name"), PodUseEnv, r["optional"])
		}
		if r, ok := e["secretRef"].(map[string]any); ok {
			add(KindSecret, r["name"], JoinPath(p, "secretRef", "name"), PodUseEnv, r["optional"])
		}
	}
	for i, e := range listOfMaps(c["env"]) {
		from, _ := e["valueFrom"].(map[string]any)
		if from == nil {
			continue // a plain value: no path to build
		}
		p := JoinPath(fieldpath.Index(JoinPath(path, "env"), i), "valueFrom")
		if r, ok := from["configMapKeyRef"].(map[string]any); ok {
			add(KindConfigMap, r["name"], JoinPath(p, "configMapKeyRef", "name"), PodUseEnv, r["optional"])
		}
		if r, ok := from["secretKeyRef"].(map[string]any); ok {
			add(KindSecret, r["name"], JoinPath(p, "secretKeyRef", "name"), PodUseEnv, r["optional"])
		}
	}
}

// listOfMaps is a YAML list's mapping entries; other entries are nil maps,
// so that indexes stay those of the list.
func listOfMaps(v any) []map[string]any {
	list, _ := v.([]any)
	out := make([]map[string]any, len(list))
	for i, e := range list {
		out[i], _ = e.(map[string]any)
	}
	return out
}

// PodRefs are the objects r's pod spec names, nil when r runs no pods.
func (r *Resource) PodRefs() []PodRef {
	if r.Workload == nil {
		return nil
	}
	return r.Workload.Refs
}

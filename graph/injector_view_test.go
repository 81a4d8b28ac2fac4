package graph

import (
	"strings"
	"testing"
)

func TestInjectorProxyImageAndType(t *testing.T) {
	opts := DefaultOptions()
	opts.Mesh.DefaultConfig = &ProxyConfig{}
	opts.Mesh.DefaultConfig.Image.ImageType = "debug"
	g := loadYAMLOpts(t, opts, lines(
		"apiVersion: v1",
		"kind: ConfigMap",
		"metadata: {name: istio-sidecar-injector, namespace: istio-system}",
		`data: {values: '{"global": {"hub": "h", "tag": "1.2", "proxy": {"image": "proxyv2"}}}'}`,
		"---",
		"apiVersion: v1",
		"kind: ConfigMap",
		"metadata: {name: istio-sidecar-injector-canary, namespace: istio-system}",
		`data: {values: '{"global": {"hub": "h", "tag": "1.2", "proxy": {"image": "x/proxy:9"}}}'}`,
		"---",
		"apiVersion: networking.istio.io/v1beta1",
		"kind: ProxyConfig",
		"metadata: {name: ns, namespace: shop}",
		"spec: {image: {imageType: distroless}}",
		"---",
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: a, namespace: shop}",
		"spec: {containers: [{name: a, image: a}]}",
		"---",
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: b, namespace: other, annotations: {proxy.istio.io/config: 'image: {imageType: default}'}}",
		"spec: {containers: [{name: b, image: b}]}",
		"---",
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: c, namespace: other}",
		"spec: {containers: [{name: c, image: c}]}",
	))
	for rev, want := range map[string]string{"default": "h/proxyv2:1.2", "": "h/proxyv2:1.2", "canary": "x/proxy:9", "stable": ""} {
		if got, _ := g.InjectorProxyImage(rev); got != want {
			t.Errorf("InjectorProxyImage(%q) = %q; want %q", rev, got, want)
		}
	}
	for name, want := range map[string]string{"shop/a": "distroless", "other/b": "", "other/c": "debug"} {
		ns, n, _ := strings.Cut(name, "/")
		if got := g.ProxyImageType(g.Get(Key{KindPod, ns, n})); got != want {
			t.Errorf("ProxyImageType(%s) = %q; want %q", name, got, want)
		}
	}
}

package schemas

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// embeddedGVKs lists every embedded schema, so that the fuzzer can check
// any object against any kind, not only the kind it declares.
func embeddedGVKs(tb testing.TB) []GVK {
	var out []GVK
	err := fs.WalkDir(data, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		parts := strings.Split(p, "/") // data/<group>/<version>/<Kind>.json
		if len(parts) != 4 {
			return nil
		}
		group := parts[1]
		if group == "core" {
			group = ""
		}
		out = append(out, GVK{group, parts[2], strings.TrimSuffix(path.Base(p), ".json")})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// fixtureFiles lists the manifests under dirs, the fuzzers' seeds.
func fixtureFiles(tb testing.TB, dirs ...string) []string {
	var files []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && source.IsManifestFile(p) {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return files
}

// FuzzValidate checks objects decoded from arbitrary YAML against their
// own kind's schema and against one other embedded kind: validation and
// CEL never panic nor fail on a JSON-like object, the validator answers as
// the JSON Schema library does (the same violations), and every violation
// has a message and a field path that parses.
func FuzzValidate(f *testing.F) {
	reg := Default()
	gvks := embeddedGVKs(f)
	if len(gvks) == 0 {
		f.Skip("no embedded schemas: run go generate ./schemas")
	}
	seeds := []string{
		"apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec: {hosts: [r], http: [{route: [{destination: {host: r, port: {number: 99999}}, weight: -1}]}]}\n",
		"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\nspec: {host: d, trafficPolicy: {tls: {mode: WRONG}}, subsets: [{name: v1, labels: {version: v1}}]}\n",
		"apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: a}\nspec: {action: DENY, rules: [{from: [{source: {principals: [\"*\"]}}]}], provider: {name: x}}\n",
		"apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: h}\nspec: {parentRefs: [{name: gw}], rules: [{matches: [{path: {type: Exact, value: x}}]}]}\n",
		"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, ports: [{containerPort: 0}]}]}}}\n",
		"apiVersion: v1\nkind: Service\nmetadata: {name: s, labels: {\"a/b/c\": x}}\nspec: {ports: [{port: 80, targetPort: x-y-}], type: Nope}\nstatus: {loadBalancer: {}}\n",
		"apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {selector: null, servers: [{port: {number: 80, protocol: HTTP, name: http}, hosts: [\"ns/*\"], tls: 5}]}\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint16(i*7))
	}
	for i, file := range fixtureFiles(f, "../testdata/rules", "../examples") {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data, uint16(i))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, other uint16) {
		g := graph.Load([]source.Source{{Path: "fuzz.yaml", Content: data}}, graph.DefaultOptions())
		for _, r := range g.Resources {
			for _, gvk := range []GVK{{r.Group, r.Version, r.Kind}, gvks[int(other)%len(gvks)]} {
				checkSchemaInvariants(t, reg, gvk, r.Object)
			}
		}
	})
}

func checkSchemaInvariants(t *testing.T, reg *Registry, gvk GVK, obj map[string]any) {
	e, ok, err := reg.Lookup(gvk)
	if err != nil || !ok {
		return
	}
	var n agreement
	n.compare(t, reg, e, instance(e.Schema, obj, true), gvk.String())
	vs, err := reg.Validate(gvk, obj)
	if err != nil {
		t.Fatalf("%s: Validate: %v", gvk, err)
	}
	for _, v := range vs {
		if v.Message == "" || v.Kind == 0 {
			t.Errorf("%s: violation without message or kind: %+v", gvk, v)
		}
		if v.Path != "" {
			if _, err := graph.ParsePath(v.Path); err != nil {
				t.Errorf("%s: violation path %q does not parse: %v", gvk, v.Path, err)
			}
		}
	}
	if _, _, err := reg.CheckCEL(gvk, obj); err != nil {
		t.Fatalf("%s: CheckCEL: %v", gvk, err)
	}
}

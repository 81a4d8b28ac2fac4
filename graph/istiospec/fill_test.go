package istiospec

import (
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/internal/mutate"
)

// istioSpec is the spec of an object of an Istio kind found in a file.
type istioSpec struct {
	what    string // file and object, for messages
	newSpec func() proto.Message
	raw     any
}

// specsIn loads a file and returns the specs of its Istio objects, as the
// graph would decode them (objects without a spec left out).
func specsIn(path string, content []byte) []istioSpec {
	docs := yamldoc.LoadAll([]source.Source{{Path: path, Content: content}}, yamldoc.Limits{})[0].Documents
	values, _ := yamldoc.Values(docs, yamldoc.Limits{})
	var out []istioSpec
	for i, v := range values {
		obj, _ := v.(map[string]any)
		apiVersion, _ := obj["apiVersion"].(string)
		kindName, _ := obj["kind"].(string)
		group := apiVersion[:max(strings.LastIndexByte(apiVersion, '/'), 0)]
		newSpec, ok := specs[kind{group, kindName}]
		if ok && obj["spec"] != nil {
			out = append(out, istioSpec{what: docs[i].String(), newSpec: newSpec, raw: obj["spec"]})
		}
	}
	return out
}

// decodeViaJSON is the authoritative decoding: the pruned value rendered as
// JSON and parsed by protojson.
func decodeViaJSON(newSpec func() proto.Message, raw any) (proto.Message, error) {
	spec := newSpec()
	data, err := json.Marshal(pruneUnknown(raw, spec.ProtoReflect().Descriptor()))
	if err == nil {
		err = specDecoder.Unmarshal(data, spec)
	}
	return spec, err
}

// fixtureFiles lists the manifests of the fixtures, the examples and
// istioctl's test data.
func fixtureFiles(t testing.TB) []string {
	var files []string
	for _, dir := range []string{"../../testdata", "../../examples", "../../../shared/conformance/istioctl-analyze/testdata"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && source.IsManifestFile(p) {
				files = append(files, p)
			}
			return nil
		})
	}
	return files
}

// checkFastDecode fails when the fast path accepts what protojson rejects
// or decodes it differently, or when the generated filler and the
// reflective one disagree; it returns whether each path succeeded.
func checkFastDecode(t testing.TB, what string, newSpec func() proto.Message, raw any) (fast, slow bool) {
	checkTypedFill(t, what, newSpec, raw)
	want, err := decodeViaJSON(newSpec, raw)
	got := newSpec()
	fast = fillMessage(got.ProtoReflect(), raw)
	if fast && err != nil {
		t.Fatalf("%s: the fast path accepts what protojson rejects (%v): %v", what, err, raw)
	}
	if fast && !proto.Equal(got, want) {
		t.Fatalf("%s: the fast path decodes\n%v\nprotojson decodes\n%v", what, got, want)
	}
	return fast, err == nil
}

// TestFillMessageAgreesWithProtojson decodes the spec of every Istio
// resource in the fixtures, the examples and istioctl's test data, plus
// random variants of each, three ways: protojson, reflective, generated.
func TestFillMessageAgreesWithProtojson(t *testing.T) {
	files := fixtureFiles(t)
	rng := rand.New(rand.NewPCG(3, 4)) // fixed: the same variants every run
	specs, fastOK, slowOK := 0, 0, 0
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, spec := range specsIn(file, content) {
			for _, v := range append([]any{spec.raw}, mutate.Variants(spec.raw, rng, 8)...) {
				fast, slow := checkFastDecode(t, spec.what, spec.newSpec, v)
				specs++
				if fast {
					fastOK++
				}
				if slow {
					slowOK++
				}
			}
		}
	}
	t.Logf("%d specs decoded, %d by protojson, %d of them by the fast path", specs, slowOK, fastOK)
	if specs < 1000 || float64(fastOK) < 0.9*float64(slowOK) {
		t.Errorf("%d specs, %d decoded by protojson, only %d by the fast path: it is no longer fast", specs, slowOK, fastOK)
	}
}

// TestFillMessageDurationForms: FuzzLoad found the fast path taking "00s",
// which protojson refuses (no leading zeros); each form must get the same
// answer from both.
func TestFillMessageDurationForms(t *testing.T) {
	newSpec := specs[kind{networkingGroup, "DestinationRule"}]
	for _, d := range []string{"00s", "01s", "0s", "-0s", "10s", "1.5s", "1.0000000001s", "+1s", ".5s", "1.s", "s", "-s", "1m", "90m", "1h30m", "315576000001s", "1e3s", " 1s"} {
		raw := map[string]any{"trafficPolicy": map[string]any{"outlierDetection": map[string]any{"interval": d}}}
		checkFastDecode(t, d, newSpec, raw)
	}
}

package lint_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

const (
	hintVirtualService = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: shop
spec:
  hosts: [shop.example.com]
  gateways: [public]
  http:
  - route:
    - destination:
        host: shop.example.com
`
	hintGateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: %s
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`
)

func lintSources(t *testing.T, files map[string]string, base *lint.Baseline) *lint.Result {
	t.Helper()
	var sources []source.Source
	for _, name := range []string{"a-payments.yaml", "edge.yaml", "vs.yaml"} {
		if content, ok := files[name]; ok {
			sources = append(sources, source.Source{Path: name, Content: []byte(content)})
		}
	}
	opts := lint.DefaultOptions()
	opts.Baseline = base
	res, err := lint.Lint(context.Background(), sources, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// A baselined finding stays baselined when a file it does not live in
// changes its message's hint: the gateway "public" exists only as
// edge/public, then payments/public appears in a file that sorts first
// and the hint names that one instead.
func TestBaselineSurvivesHintChange(t *testing.T) {
	files := map[string]string{"vs.yaml": hintVirtualService, "edge.yaml": strings.Replace(hintGateway, "%s", "edge", 1)}
	before := lintSources(t, files, nil).Report
	data, err := lint.MarshalBaseline(before.Findings)
	if err != nil {
		t.Fatal(err)
	}
	b, err := lint.ParseBaseline(data)
	if err != nil {
		t.Fatal(err)
	}
	files["a-payments.yaml"] = strings.Replace(hintGateway, "%s", "payments", 1)
	after := lintSources(t, files, b)
	if messages(before) == messages(after.Report) {
		t.Fatalf("the hint did not change, so this test checks nothing:\n%s", messages(after.Report))
	}
	s := after.Report.Summary
	if after.StaleBaseline != 0 || s.Errors+s.Warnings+s.Infos != 0 {
		t.Errorf("%d stale entries, findings left:\n%s", after.StaleBaseline, unsuppressed(after.Report))
	}
}

// Baselines of version 1 fingerprinted messages; they still absorb the
// findings they recorded.
func TestBaselineVersion1StillMatches(t *testing.T) {
	files := map[string]string{"vs.yaml": hintVirtualService}
	rep := lintSources(t, files, nil).Report
	if len(rep.Findings) == 0 {
		t.Fatal("no findings to baseline")
	}
	type entry struct {
		Fingerprint string `json:"fingerprint"`
		Rule        string `json:"rule"`
		File        string `json:"file"`
		Message     string `json:"message"`
	}
	v1 := struct {
		Version  string  `json:"version"`
		Findings []entry `json:"findings"`
	}{Version: "1"}
	for _, f := range rep.Findings {
		v1.Findings = append(v1.Findings, entry{f.FingerprintV1(), f.Rule.ID, f.Location.File, f.Message})
	}
	data, _ := json.Marshal(v1)
	b, err := lint.ParseBaseline(data)
	if err != nil {
		t.Fatal(err)
	}
	res := lintSources(t, files, b)
	if s := res.Report.Summary; res.StaleBaseline != 0 || s.Suppressed != len(rep.Findings) {
		t.Errorf("version 1 baseline: %d stale, %d of %d suppressed", res.StaleBaseline, s.Suppressed, len(rep.Findings))
	}
}

func messages(rep *analyzers.Report) string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.Rule.ID+" "+f.Message)
	}
	return strings.Join(out, "\n")
}

func unsuppressed(rep *analyzers.Report) string {
	var out []string
	for _, f := range rep.Findings {
		if !f.Suppressed {
			out = append(out, f.Rule.ID+" "+f.Message)
		}
	}
	return strings.Join(out, "\n")
}

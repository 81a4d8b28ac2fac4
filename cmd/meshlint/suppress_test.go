package main

import (
	"encoding/json"
	"testing"
)

// vsSuppressed routes to a host outside the files (ML1103, an error),
// silenced in place.
const vsSuppressed = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings}
spec:
  hosts: [ratings]
  http:
  - route:
    - destination:
        # meshlint:ignore ML1103 the platform repository defines it
        host: ratings.platform.svc.cluster.local
`

func TestInlineSuppressions(t *testing.T) {
	files := map[string]string{"vs.yaml": vsSuppressed}
	runInTree(t, files, []string{"vs.yaml"}, 0,
		[]string{"0 errors", "(1 suppressed in the files)"}, []string{"ML1103"})
	runInTree(t, files, []string{"--no-inline-suppressions", "vs.yaml"}, 1,
		[]string{"vs.yaml:10:15: error:", "ML1103"}, []string{"suppressed"})
	files[".meshlint.yaml"] = "inlineSuppressions: false\n"
	runInTree(t, files, []string{"vs.yaml"}, 1, []string{"ML1103"}, []string{"suppressed"})
	// A suppression that silences nothing, once the host is defined.
	files = map[string]string{"vs.yaml": vsSuppressed + "---\napiVersion: v1\nkind: Service\nmetadata: {name: ratings, namespace: platform}\nspec:\n  ports: [{name: http, port: 80}]\n"}
	runInTree(t, files, []string{"vs.yaml"}, 0, []string{"vs.yaml:9:9: info:", "ML0009"}, nil)
	runInTree(t, files, []string{"--no-inline-suppressions", "vs.yaml"}, 0, nil, []string{"ML0009"})
}

func TestInlineSuppressionsInSARIF(t *testing.T) {
	dir := writeTree(t, map[string]string{"vs.yaml": vsSuppressed})
	code, out, errOut := runCLI(t, "", "-o", "sarif", dir+"/vs.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind, Justification string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != 1 || res[0].RuleID != "ML1103" || len(res[0].Suppressions) != 1 {
		t.Fatalf("results %+v; want ML1103 with one suppression", res)
	}
	if s := res[0].Suppressions[0]; s.Kind != "inSource" || s.Justification != "the platform repository defines it" {
		t.Errorf("suppression %+v; want inSource with the comment's reason", s)
	}
}

func TestInlineSuppressionsInJSON(t *testing.T) {
	dir := writeTree(t, map[string]string{"vs.yaml": vsSuppressed})
	code, out, errOut := runCLI(t, "", "-o", "json", dir+"/vs.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Findings []struct {
			Rule        string
			Suppressed  bool
			Suppression struct{ Kind, Reason string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "ML1103" || !doc.Findings[0].Suppressed {
		t.Fatalf("findings %+v; want ML1103, suppressed", doc.Findings)
	}
	if s := doc.Findings[0].Suppression; s.Kind != "inSource" || s.Reason != "the platform repository defines it" {
		t.Errorf("suppression %+v; want inSource with the comment's reason", s)
	}
}

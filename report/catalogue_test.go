package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

func TestWriteCatalogue(t *testing.T) {
	rules := []*analyzers.Rule{ruleSyntax, ruleSubset, ruleDefaultRoute}
	tests := []struct {
		format string
		want   []string // substrings, in order
	}{
		{"text", []string{"ID  ", "NAME", "ML0001  yaml-syntax-error", "ML1102", "IST0101", "ML2001"}},
		{"json", []string{`"id": "ML0001"`, `"istio": []`, `"id": "ML1102"`, `"IST0101"`}},
		{"markdown", []string{"# meshlint rules", "| [ML0001](ML0001.md) | yaml-syntax-error |", "| [ML1102](ML1102.md) |", "| [ML2001](ML2001.md) |"}},
		{"md", []string{"# meshlint rules"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCatalogue(&buf, tt.format, rules); err != nil {
				t.Fatal(err)
			}
			rest := buf.String()
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("%q missing or out of order in:\n%s", w, buf.String())
				}
				rest = rest[i+len(w):]
			}
		})
	}
	var unknown *UnknownFormatError
	if err := WriteCatalogue(new(bytes.Buffer), "xml", rules); !errors.As(err, &unknown) || !strings.Contains(err.Error(), "want text, json or markdown") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestRulePage(t *testing.T) {
	page := RulePage(ruleSubset)
	for _, w := range []string{"# ML1102 virtualservice-subset-not-found\n\nA VirtualService routes", "| istioctl analyze | IST0101 |", "### Good"} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q:\n%s", w, page)
		}
	}
	if page := RulePage(ruleDefaultRoute); !strings.Contains(page, "| istioctl analyze | none |") {
		t.Errorf("a rule without istioctl codes:\n%s", page)
	}
}

package validation

import (
	"testing"

	"google.golang.org/protobuf/proto"
	networking "istio.io/api/networking/v1alpha3"
)

// TestUnnamedMatchKey checks the key without the name against the
// encoding of a copy whose name is cleared, which it stands in for.
func TestUnnamedMatchKey(t *testing.T) {
	matches := []*networking.HTTPMatchRequest{
		{},
		{Name: "a"},
		{Name: "first", Uri: &networking.StringMatch{MatchType: &networking.StringMatch_Prefix{Prefix: "/a"}}, Port: 8080},
		{Name: "h", Headers: map[string]*networking.StringMatch{
			"x-b": {MatchType: &networking.StringMatch_Exact{Exact: "1"}},
			"x-a": {MatchType: &networking.StringMatch_Regex{Regex: "v.*"}},
		}, IgnoreUriCase: true, SourceLabels: map[string]string{"app": "x", "v": "1"}},
	}
	for _, m := range matches {
		unnamed := proto.Clone(m).(*networking.HTTPMatchRequest)
		unnamed.Name = ""
		if got, want := unnamedMatchKey(m), matchKey(unnamed); got != want {
			t.Errorf("%v: key %q, want %q", m, got, want)
		}
	}
}

package schemas

import (
	"strings"
	"testing"
)

func TestFormatValue(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want string
	}{
		{"10x", `"10x"`},
		{"a<b & c", `"a<b & c"`},
		{nil, "null"},
		{true, "true"},
		{int64(-443), "-443"},
		{float64(4294967296), "4294967296"},
		{1.5, "1.5"},
		{map[string]any{}, "{}"},
		{map[string]any{"": nil}, `{"": null}`},
		{map[string]any{"prefix": "/api", "exact": "/reviews"}, `{"exact": "/reviews", "prefix": "/api"}`},
		{[]any{map[string]any{"host": "reviews"}, int64(80)}, `[{"host": "reviews"}, 80]`},
		{map[string]any{"endpoints": []any{map[string]any{"address": "unix:///var/run/a.sock"}}, "workloadSelector": map[string]any{"labels": map[string]any{"app": "a"}}},
			`{"endpoints": [{"address": "unix:///var/run/a.sock"}], "workloadSelector": {"labels": {"app": "a"}}}`},
		{map[string]any{"endpoints": []any{map[string]any{"address": "unix:///var/run/a.sock"}}, "hosts": []any{"a.example.com", "b.example.com"}, "workloadSelector": map[string]any{"labels": map[string]any{"app": "a"}}},
			`{"endpoints": [...], "hosts": [...], "workloadSelector": {...}}`},
		{strings.Repeat("a", 150), `"` + strings.Repeat("a", maxValueLen-1) + "..."},
		{strings.Repeat("é", 60), `"` + strings.Repeat("é", 49) + "..."},
	} {
		if got := FormatValue(tt.v); got != tt.want {
			t.Errorf("FormatValue(%#v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

package lint

import "testing"

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"deploy/**/*.yaml", "deploy/a.yaml", true},
		{"deploy/**/*.yaml", "deploy/x/y/a.yaml", true},
		{"deploy/**/*.yaml", "other/a.yaml", false},
		{"deploy/**/*.yaml", "deploy/a.yml", false},
		{"charts/**", "charts/x/templates/a.yaml", true},
		{"charts/**", "charts", true},
		{"charts/**", "chartsx/a.yaml", false},
		{"*.json", "a/b/c.json", true},
		{"**", "anything/at/all", true},
		{"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/x/c", false},
		{"a/[", "a/[", false},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

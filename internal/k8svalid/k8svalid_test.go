package k8svalid

import (
	"regexp"
	"testing"
)

// TestGrammarsAgreeWithRegexps compares the hand-written checks
// with the API server's regular expressions on every string of up to five
// characters over an alphabet that exercises each rule.
func TestGrammarsAgreeWithRegexps(t *testing.T) {
	grammars := []struct {
		name  string
		re    *regexp.Regexp
		check func(string) bool
	}{
		{"dns1123Label", regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`), IsDNS1123Label},
		{"anyCaseLabel", regexp.MustCompile(`^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$`), func(s string) bool { return IsLabel(s, AnyCase) }},
		{"dns1123Subdomain", regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`), IsDNS1123Subdomain},
		{"dns1035Label", regexp.MustCompile(`^[a-z]([-a-z0-9]*[a-z0-9])?$`), IsDNS1035Label},
		{"qualifiedName", regexp.MustCompile(`^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`), IsQualifiedName},
	}
	alphabet := []string{"a", "Z", "0", "-", "_", ".", "é", "/"}
	var all []string
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		all = append(all, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(prefix+c, n-1)
		}
	}
	grow("", 5)
	for _, g := range grammars {
		for _, s := range all {
			if got, want := g.check(s), g.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v; the regexp says %v", g.name, s, got, want)
			}
		}
	}
}

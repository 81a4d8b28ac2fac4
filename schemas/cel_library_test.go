package schemas

import (
	"strings"
	"testing"
)

// evalCELRule runs one rule on value v of schema s (at the root of nothing:
// a plain node) and returns what it said.
func evalCELRule(s *Schema, v any, rule string) ([]CELViolation, CELStats) {
	c := &celRun{budget: celObjectBudget, steps: []celStep{{key: "x", index: -1}}}
	c.rules(&Schema{Validations: []ValidationRule{{Rule: rule}}}, s, v, c.convert(s, v, false))
	return c.violations, c.stats
}

// TestCELLibrary checks the Kubernetes functions meshlint implements (and
// the cel-go extensions it enables) on expressions that must hold.
func TestCELLibrary(t *testing.T) {
	str := &Schema{Type: "string"}
	for _, expr := range []string{
		// URLs
		`isURL('https://example.com:8443/a%20b?x=1&x=2#frag')`,
		`isURL('/absolute/path') && !isURL('relative/path') && !isURL('')`,
		`url('https://user@example.com:8443/a%20b?x=1&x=2').getScheme() == 'https'`,
		`url('https://example.com:8443/p').getHost() == 'example.com:8443'`,
		`url('https://[::1]:80/p').getHostname() == '::1' && url('https://[::1]:80/p').getHost() == '[::1]:80'`,
		`url('https://example.com:8443/p').getPort() == '8443' && url('https://example.com/p').getPort() == ''`,
		`url('https://example.com/a%20b').getEscapedPath() == '/a%20b'`,
		`url('https://example.com/?x=1&x=2&y=').getQuery() == {'x': ['1', '2'], 'y': ['']}`,
		`url('https://example.com/p#frag').getEscapedPath() == '/p'`,
		`url('https://example.com') == url('https://example.com')`,
		// regex
		`'abc 123 def 456'.find('[0-9]+') == '123' && 'abc'.find('[0-9]+') == ''`,
		`'abc 123 def 456'.findAll('[0-9]+') == ['123', '456']`,
		`'abc 123 def 456'.findAll('[0-9]+', 1) == ['123']`,
		// lists
		`[1, 2, 2, 3].isSorted() && !['b', 'a'].isSorted() && [].isSorted()`,
		`[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3 && ['b', 'c', 'a'].max() == 'c'`,
		`[1, 2, 3].sum() == 6 && [1.5, 2.5].sum() == 4.0 && [duration('1s'), duration('2s')].sum() == duration('3s')`,
		`[1, 2, 1].indexOf(1) == 0 && [1, 2, 1].lastIndexOf(1) == 2 && [1].indexOf(5) == -1`,
		// format
		`!format.dns1123Label().validate('my-name').hasValue()`,
		`format.dns1123Label().validate('My_Name').hasValue()`,
		"format.dns1123Label().validate('" + strings.Repeat("a", 64) + "').value().size() == 1",
		`!format.dns1123Subdomain().validate('a.example.com').hasValue() && format.dns1123Subdomain().validate('-a.com').hasValue()`,
		`!format.dns1035Label().validate('abc').hasValue() && format.dns1035Label().validate('1abc').hasValue()`,
		`!format.qualifiedName().validate('example.com/My.Name').hasValue() && !format.qualifiedName().validate('app').hasValue()`,
		`format.qualifiedName().validate('/name').hasValue() && format.qualifiedName().validate('a/b/c').hasValue()`,
		`!format.dns1123LabelPrefix().validate('web-').hasValue() && format.dns1123Label().validate('web-').hasValue()`,
		`!format.labelValue().validate('').hasValue() && format.labelValue().validate('-x').hasValue()`,
		`!format.uri().validate('https://example.com').hasValue() && format.uri().validate('nope').hasValue()`,
		`!format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue() && format.uuid().validate('123').hasValue()`,
		`!format.byte().validate('aGVsbG8=').hasValue() && format.byte().validate('!').hasValue()`,
		`!format.date().validate('2024-02-29').hasValue() && format.datetime().validate('2024-02-29').hasValue()`,
		`!format.datetime().validate('2024-02-29T10:00:00Z').hasValue()`,
		`format.named('dns1123Label').hasValue() && !format.named('nope').hasValue()`,
		`format.named('dns1123Label').value() == format.dns1123Label()`,
		// cel-go extensions the API server enables
		`isIP('10.0.0.1') && !isIP('10.0.0.256') && ip('::1').family() == 6`,
		`isCIDR('10.0.0.0/8') && cidr('10.0.0.0/8').containsIP('10.1.2.3')`,
		`sets.contains([1, 2, 3], [1, 2]) && sets.intersects([1], [1, 2])`,
		`'Hello'.lowerAscii() == 'hello' && 'a,b'.split(',') == ['a', 'b'] && ['a', 'b'].join('-') == 'a-b'`,
		`'hello'.indexOf('l') == 2 && 'hello'.substring(1, 3) == 'el'`,
		`[1, 2].all(i, v, v > i)`,
		`optional.of(1).orValue(2) == 1`,
		`duration('1m') > duration('59s') && timestamp('2024-01-01T00:00:00Z') < timestamp('2025-01-01T00:00:00Z')`,
	} {
		got, stats := evalCELRule(str, "s", expr)
		if len(got) > 0 || stats.Evaluated != 1 {
			t.Errorf("%s: %+v %+v", expr, got, stats)
		}
	}
}

// TestCELLibraryErrors checks that misuse is an evaluation error (reported
// as the API server does), not a crash nor a silent pass.
func TestCELLibraryErrors(t *testing.T) {
	str := &Schema{Type: "string"}
	for expr, msg := range map[string]string{
		`url('relative').getScheme() == ''`:                     "URL parse error",
		`[].min() == 0`:                                         "empty list",
		`'a'.find('(') == ''`:                                   "missing closing",
		`'a'.findAll('(') == []`:                                "missing closing",
		`format.named('nope').value() == format.dns1123Label()`: "optional.none",
	} {
		got, stats := evalCELRule(str, "s", expr)
		if len(got) != 1 || !strings.Contains(got[0].Message, msg) || len(stats.Unsupported) > 0 {
			t.Errorf("%s: got %+v %+v, want an error with %q", expr, got, stats, msg)
		}
	}
}

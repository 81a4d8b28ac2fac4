package graph

import (
	"strings"
	"testing"
)

// Regression tests for what the hostile-input suite (lint/hostile_test.go,
// testdata/hostile) found in the loader, each named after its bug.

// TestLoadIdentityOfWrongTypeMessage: "document has no metadata" was the
// message for a metadata that is there but is a string or a list.
func TestLoadIdentityOfWrongTypeMessage(t *testing.T) {
	tests := []struct{ text, want string }{
		{lines("apiVersion: v1", "kind: Service", "metadata: reviews"), "document's metadata is a string, not a mapping;"},
		{lines("apiVersion: v1", "kind: Service", "metadata: [a]"), "document's metadata is a sequence, not a mapping;"},
		{lines("apiVersion: v1", "kind: [Service]", "metadata: {name: a}"), "document's kind is a sequence, not a string;"},
		{lines("apiVersion: 1", "kind: Service", "metadata: {name: a}"), "document's apiVersion is a number, not a string;"},
		{lines("apiVersion: v1", "kind: Service", "metadata: {name: true}"), "document's metadata.name is a boolean, not a string;"},
		{lines("apiVersion: v1", "kind: Service", "metadata: {name: ~}"), "document's metadata.name is empty (null), not a string;"},
		{lines("apiVersion: v1", "kind: Service", "metadata:"), "document's metadata is empty (null), not a mapping;"},
		{lines("apiVersion: v1", "kind: Service", "metadata: {namespace: a}"), "document has no metadata.name;"},
		{lines("apiVersion: v1", "kind: Service"), "document has no metadata;"},
	}
	for _, tt := range tests {
		bad := problemsOf(loadYAML(t, tt.text), ProblemInvalidResource)
		if len(bad) != 1 || !strings.HasPrefix(bad[0].Message, tt.want) {
			t.Errorf("%q: problems %+v; want one saying %q", tt.text, bad, tt.want)
		}
	}
}

// TestLoadUnreadableCharacterColumn: bytes yaml.v3 cannot read (invalid
// UTF-8, control characters such as NUL) were reported at the first
// non-blank column of their line, not at the byte.
func TestLoadUnreadableCharacterColumn(t *testing.T) {
	tests := []struct {
		name, text string
		at         Range
		what       string
	}{
		{"Latin-1 byte", "apiVersion: v1\nmetadata:\n  name: revi\xe9ws\n", Range{Start: Position{Line: 3, Column: 13}, End: Position{Line: 3, Column: 14}}, "(byte 0xE9)"},
		{"after multi-byte characters", "a: 评论\xff\n", Range{Start: Position{Line: 1, Column: 6}, End: Position{Line: 1, Column: 7}}, "(byte 0xFF)"},
		{"NUL", "a: 1\nkind: Service\x00\n", Range{Start: Position{Line: 2, Column: 14}, End: Position{Line: 2, Column: 15}}, "(U+0000)"},
		{"in a comment, after a byte-order mark", "\ufeffa: 1 # \x01\n", Range{Start: Position{Line: 1, Column: 8}, End: Position{Line: 1, Column: 9}}, "(U+0001)"},
		{"CR LF", "a: 1\r\nb: \x7f\r\n", Range{Start: Position{Line: 2, Column: 4}, End: Position{Line: 2, Column: 5}}, "(U+007F)"},
	}
	for _, tt := range tests {
		syn := problemsOf(loadYAML(t, tt.text), ProblemSyntax)
		if len(syn) != 1 || syn[0].Location.Range != tt.at || !strings.HasSuffix(syn[0].Message, tt.what) {
			t.Errorf("%s: problems %+v; want one at %+v ending %q", tt.name, syn, tt.at, tt.what)
		}
	}
}

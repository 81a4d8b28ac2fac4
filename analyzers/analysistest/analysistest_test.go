package analysistest

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseExpectations(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []string // line:column rule /message/ [min-max]
		wantErr string
	}{
		{"one at the end of a line", "a: 1\nb: 2 # want: ML0001\n",
			[]string{"2:0 ML0001 // [1-5]"}, ""},
		{"column and message", "  host: x # want: ML1103@9 host \"x\"\n",
			[]string{"1:9 ML1103 /host \"x\"/ [3-10]"}, ""},
		{"two on one line, each with its message", "a: b # want: ML0233 no addresses # want: ML2002@4 TCP port\n",
			[]string{"1:0 ML0233 /no addresses/ [1-5]", "1:4 ML2002 /TCP port/ [1-5]"}, ""},
		{"own-line comments stack onto the next line", "# want: ML0001\n# want: ML0002@3\nkey: value\n",
			[]string{"3:0 ML0001 // [1-1073741824]", "3:3 ML0002 // [1-1073741824]"}, ""},
		{"own-line comment at the end", "a: 1\n# want: ML0001\n", nil, "no line after it"},
		{"bad regexp", "a: 1 # want: ML0001 (\n", nil, "bad message regexp"},
		{"no expectation", "a: 1 # a comment\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExpectations("f.yaml", []byte(tt.content))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var desc []string
			for _, e := range got {
				msg := ""
				if e.Message != nil {
					msg = e.Message.String()
				}
				desc = append(desc, fmt.Sprintf("%d:%d %s /%s/ [%d-%d]", e.Line, e.Column, e.Rule, msg, e.MinColumn, e.MaxColumn))
			}
			if strings.Join(desc, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(desc, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"testing"
)

// FuzzXMLEscape checks that writeXMLEscaped writes what encoding/xml's
// EscapeText writes, byte for byte.
func FuzzXMLEscape(f *testing.F) {
	for _, s := range []string{
		"", "plain", `"quotes" and 'apostrophes' & <html>`, "tab\tnew\nline\rreturn",
		"\x00nul \x1b[31mescape\x7f", "ü and \u2028", "\uFFFD real, \xff invalid, \xed\xa0\x80 surrogate",
		"\uFFFE\uFFFF\U0001F600\U0010FFFF", "cut \xe2\x82",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriter(&got)
		writeXMLEscaped(bw, s)
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("writeXMLEscaped(%q) = %q, encoding/xml writes %q", s, got.String(), want.String())
		}
	})
}

package report

import (
	"bufio"
	"unicode/utf8"
)

// writeXMLEscaped writes s as XML text that may also stand inside a
// quoted attribute. Quotes, '&', '<' and '>' become references; tabs and
// line breaks become character references (a parser would otherwise turn
// them into spaces inside an attribute); what XML 1.0 cannot carry at all
// (NUL, ESC and the other C0 controls, invalid UTF-8, U+FFFE, U+FFFF)
// becomes U+FFFD, so the document stays well-formed whatever a message or
// file name holds. It writes what encoding/xml's EscapeText writes (a
// test compares them); that package is not linked for it, as its init is
// paid on every start. A write error stays in bw, whose Flush returns it.
func writeXMLEscaped(bw *bufio.Writer, s string) {
	done := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if esc := xmlEscape(r, width); esc != "" {
			bw.WriteString(s[done:i])
			bw.WriteString(esc)
			done = i + width
		}
		i += width
	}
	bw.WriteString(s[done:])
}

// xmlEscape is what replaces the rune r, decoded from width bytes, or ""
// when it is written as it is.
func xmlEscape(r rune, width int) string {
	switch r {
	case '"':
		return "&#34;"
	case '\'':
		return "&#39;"
	case '&':
		return "&amp;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '\t':
		return "&#x9;"
	case '\n':
		return "&#xA;"
	case '\r':
		return "&#xD;"
	case utf8.RuneError:
		if width == 1 { // a byte that is not UTF-8; a real U+FFFD stays
			return "\uFFFD"
		}
		return ""
	}
	if isXMLChar(r) {
		return ""
	}
	return "\uFFFD"
}

// isXMLChar reports whether XML 1.0 allows r in a document (its Char
// production; tab and line breaks are escaped before this is asked).
func isXMLChar(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune
}

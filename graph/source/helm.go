package source

import (
	"bytes"
	"strings"
)

// helmSourcePrefix starts the comment `helm template` writes before each
// document it renders, naming the template it came from.
const helmSourcePrefix = "# Source: "

// splitHelmStream cuts a stream that `helm template` wrote into one source
// per document rendered from a template, named after the template by its
// `# Source:` comment and holding the lines after it, so that findings
// name the template and the line within the rendered document. The rest of
// the stream stays one source named name, with its lines where they were.
// A stream without such comments is returned whole.
func splitHelmStream(name string, content []byte) []Source {
	if !bytes.Contains(content, []byte(helmSourcePrefix)) {
		return []Source{{Path: name, Content: content}}
	}
	lines := strings.SplitAfter(string(content), "\n")
	rest := make([]string, len(lines))
	copy(rest, lines)
	var out []Source
	for start := 0; start < len(lines); {
		end := start + 1
		for end < len(lines) && !isDocumentStartLine(lines[end]) {
			end++
		}
		if tmpl, first := helmSource(lines, start, end); tmpl != "" {
			out = append(out, Source{Path: tmpl, Content: []byte(strings.Join(lines[first:end], ""))})
			for i := start + 1; i < end; i++ {
				// Kept as a line, so that the other lines keep their numbers.
				rest[i] = lines[i][len(strings.TrimRight(lines[i], "\n")):]
			}
		}
		start = end
	}
	if len(out) == 0 {
		return []Source{{Path: name, Content: content}}
	}
	if others := []byte(strings.Join(rest, "")); len(bytes.TrimSpace(bytes.ReplaceAll(others, []byte("---"), nil))) > 0 {
		out = append([]Source{{Path: name, Content: others}}, out...)
	}
	return out
}

// helmSource returns the template named by the `# Source:` comment that
// opens the document in lines[start:end] (its first line may be the `---`
// that starts it), and the index of the line after the comment.
func helmSource(lines []string, start, end int) (string, int) {
	for i := start; i < end; i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case l == "" || i == start && isDocumentStartLine(lines[i]):
			continue
		case strings.HasPrefix(l, helmSourcePrefix):
			return strings.TrimSpace(strings.TrimPrefix(l, helmSourcePrefix)), i + 1
		}
		return "", 0
	}
	return "", 0
}

// isDocumentStartLine reports whether a line is a `---` document marker.
func isDocumentStartLine(l string) bool {
	l = strings.TrimRight(l, "\r\n")
	return l == "---" || strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "---\t")
}

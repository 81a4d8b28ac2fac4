// Package analysistest checks rules against YAML fixtures that say, in
// place, what they expect: a `# want: ML1102` comment (optionally followed
// by a message regexp) on the line where a finding must start, repeated for
// each finding the line must get. The column
// is checked too: the finding must start at the column given as
// `# want: ML1102@9`, or, without one, inside the line's content (not in
// its indentation and not in the comment).
package analysistest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/kustomize"
	"github.com/meshlint/meshlint/graph/source"
)

// Expectation is one `# want` comment.
type Expectation struct {
	File   string
	Line   int
	Column int // 0: any column of the line's content
	// MinColumn and MaxColumn bound the content of the line (1-based, inclusive).
	MinColumn, MaxColumn int
	Rule                 string
	Message              *regexp.Regexp
}

// wantRE finds each expectation of a comment: a line may carry several,
// `# want: ML0233 # want: ML2002@5 message`, each message reaching to the
// next `# want:`.
var wantRE = regexp.MustCompile(`#\s*want:\s*(ML\d{4})(?:@(\d+))?`)

// ParseExpectations reads the `# want` comments of a fixture. Comments on
// lines of their own apply to the next line that is not such a comment.
func ParseExpectations(file string, content []byte) ([]Expectation, error) {
	var out []Expectation
	var pending []Expectation // own-line comments waiting for their line
	sc := bufio.NewScanner(bytes.NewReader(content))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		wants, err := parseLine(file, line, text)
		if err != nil {
			return nil, err
		}
		if len(wants) > 0 && strings.HasPrefix(strings.TrimSpace(text), "#") {
			pending = append(pending, wants...)
			continue
		}
		for _, e := range pending {
			e.Line = line
			e.MinColumn, e.MaxColumn = 1, 1<<30 // the comment does not say where the content is
			out = append(out, e)
		}
		pending = nil
		out = append(out, wants...)
	}
	if len(pending) > 0 {
		return nil, fmt.Errorf("%s:%d: `# want` comment with no line after it", file, pending[0].Line)
	}
	return out, sc.Err()
}

// parseLine reads the expectations written on one line.
func parseLine(file string, line int, text string) ([]Expectation, error) {
	ms := wantRE.FindAllStringSubmatchIndex(text, -1)
	var out []Expectation
	for i, m := range ms {
		e := Expectation{File: file, Line: line, Rule: text[m[2]:m[3]]}
		e.MinColumn = 1 + len(text) - len(strings.TrimLeft(text, " \t"))
		e.MaxColumn = strings.Index(text, "#")
		if m[4] >= 0 {
			e.Column, _ = strconv.Atoi(text[m[4]:m[5]])
		}
		msgEnd := len(text)
		if i+1 < len(ms) {
			msgEnd = ms[i+1][0]
		}
		if msg := strings.TrimSpace(text[m[1]:msgEnd]); msg != "" {
			re, err := regexp.Compile(msg)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad message regexp: %v", file, line, err)
			}
			e.Message = re
		}
		out = append(out, e)
	}
	return out, nil
}

// Run lints each fixture file on its own with the given rules and options
// and compares findings with the file's expectations: every expectation must
// be met by exactly one finding and every finding must be expected.
func Run(t *testing.T, opts graph.Options, rules []*analyzers.Rule, files ...string) {
	t.Helper()
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			wants, err := ReadExpectations(file)
			if err != nil {
				t.Fatal(err)
			}
			src, err := fixtureSource(file)
			if err != nil {
				t.Fatal(err)
			}
			g := graph.Load([]source.Source{src}, opts)
			findings, err := analyzers.Run(context.Background(), g, rules)
			if err != nil {
				t.Fatal(err)
			}
			Compare(t, wants, findings)
		})
	}
}

// Compare matches findings against expectations and reports differences.
func Compare(t *testing.T, wants []Expectation, findings []*analyzers.Finding) {
	t.Helper()
	used := make([]bool, len(findings))
	for _, w := range wants {
		found := false
		for i, f := range findings {
			if !used[i] && matches(w, f) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d: expected %s%s; got on that line: %s", w.File, w.Line, w.Rule, describeMessage(w), onLine(findings, w.Line))
		}
	}
	var extra []string
	for i, f := range findings {
		if !used[i] {
			extra = append(extra, fmt.Sprintf("%s:%d:%d: unexpected %s: %s", f.Location.File, f.Location.Start.Line, f.Location.Start.Column, f.Rule.ID, f.Message))
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		t.Error(e)
	}
}

func matches(w Expectation, f *analyzers.Finding) bool {
	if f.Rule.ID != w.Rule || f.Location.File != w.File || f.Location.Start.Line != w.Line {
		return false
	}
	col := f.Location.Start.Column
	if w.Column != 0 && col != w.Column {
		return false
	}
	if w.Column == 0 && (col < w.MinColumn || col > w.MaxColumn) {
		return false
	}
	return w.Message == nil || w.Message.MatchString(f.Message)
}

func describeMessage(w Expectation) string {
	s := ""
	if w.Column != 0 {
		s += fmt.Sprintf(" at column %d", w.Column)
	}
	if w.Message != nil {
		s += fmt.Sprintf(" matching %q", w.Message)
	}
	return s
}

func onLine(findings []*analyzers.Finding, line int) string {
	var s []string
	for _, f := range findings {
		if f.Location.Start.Line == line {
			s = append(s, fmt.Sprintf("%s@%d %q", f.Rule.ID, f.Location.Start.Column, f.Message))
		}
	}
	if len(s) == 0 {
		return "nothing"
	}
	return strings.Join(s, ", ")
}

// KustomizeSuffix ends the name of a fixture directory that is built with
// -k: its kustomization file stands for it in Sources, and its files' `#
// want` comments are the build's expectations.
const KustomizeSuffix = "-kustomize"

// kustomizeFixture returns the directory a fixture file builds, "" when it
// is linted as a file.
func kustomizeFixture(file string) string {
	dir := filepath.Dir(file)
	if source.IsKustomization(file) && strings.HasSuffix(filepath.Base(dir), KustomizeSuffix) {
		return dir
	}
	return ""
}

// fixtureSource reads a fixture: the file, or the build of its directory.
func fixtureSource(file string) (source.Source, error) {
	if dir := kustomizeFixture(file); dir != "" {
		return kustomize.Render(dir)
	}
	content, err := os.ReadFile(file)
	return source.Source{Path: file, Content: content, Kustomization: source.IsKustomization(file)}, err
}

// ReadExpectations reads the `# want` comments of a fixture file, or of
// every file of a fixture directory built with -k.
func ReadExpectations(file string) ([]Expectation, error) {
	files := []string{file}
	if dir := kustomizeFixture(file); dir != "" {
		files = nil
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (source.IsManifestFile(p) || source.IsKustomization(p)) {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	var wants []Expectation
	for _, f := range files {
		content, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		w, err := ParseExpectations(f, content)
		if err != nil {
			return nil, err
		}
		wants = append(wants, w...)
	}
	return wants, nil
}

// Sources lists the fixture files under dir, for Run; a directory built
// with -k is listed as its kustomization file.
func Sources(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && strings.HasSuffix(d.Name(), KustomizeSuffix) {
			if k := kustomize.FindFile(p); k != "" {
				files = append(files, k)
				return filepath.SkipDir
			}
		}
		if err == nil && !d.IsDir() && source.IsManifestFile(p) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// RunSet lints files together, as one analyzed set (references may cross
// files), and compares findings with the expectations of all of them.
func RunSet(t *testing.T, opts graph.Options, rules []*analyzers.Rule, files ...string) {
	t.Helper()
	var sources []source.Source
	var wants []Expectation
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		w, err := ParseExpectations(file, content)
		if err != nil {
			t.Fatal(err)
		}
		wants = append(wants, w...)
		sources = append(sources, source.Source{Path: file, Content: content})
	}
	g := graph.Load(sources, opts)
	findings, err := analyzers.Run(context.Background(), g, rules)
	if err != nil {
		t.Fatal(err)
	}
	Compare(t, wants, findings)
}

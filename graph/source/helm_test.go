package source

import (
	"strings"
	"testing"
)

func TestSplitHelmStream(t *testing.T) {
	stream := strings.Join([]string{
		"apiVersion: v1 # not from a template",
		"kind: Namespace",
		"metadata: {name: shop}",
		"---",
		"# Source: shop/templates/svc.yaml",
		"apiVersion: v1",
		"kind: Service",
		"---",
		"# Source: shop/templates/svc.yaml",
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: b}",
		"",
	}, "\n")
	got := splitHelmStream("rendered.yaml", []byte(stream))
	if len(got) != 3 {
		t.Fatalf("got %d sources, want 3: %+v", len(got), got)
	}
	if got[0].Path != "rendered.yaml" || !strings.HasPrefix(string(got[0].Content), "apiVersion: v1 # not from a template\nkind: Namespace\n") {
		t.Errorf("the rest of the stream: %q %q", got[0].Path, got[0].Content)
	}
	if strings.Count(string(got[0].Content), "\n") != strings.Count(stream, "\n") {
		t.Errorf("the rest of the stream must keep its line numbers: %q", got[0].Content)
	}
	for _, s := range got[1:] {
		if s.Path != "shop/templates/svc.yaml" || !strings.HasPrefix(string(s.Content), "apiVersion: v1\nkind: Service\n") {
			t.Errorf("template document: %q %q", s.Path, s.Content)
		}
	}
}

func TestSplitHelmStreamWithoutSources(t *testing.T) {
	got := splitHelmStream("<stdin>", []byte("apiVersion: v1\nkind: Service\n"))
	if len(got) != 1 || got[0].Path != "<stdin>" {
		t.Errorf("got %+v", got)
	}
	// Only the comment that opens a document names it.
	got = splitHelmStream("<stdin>", []byte("apiVersion: v1\n# Source: x.yaml\nkind: Service\n"))
	if len(got) != 1 || got[0].Path != "<stdin>" {
		t.Errorf("got %+v", got)
	}
}

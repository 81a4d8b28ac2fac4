package yamldoc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/meshlint/meshlint/graph/source"
)

func TestComments(t *testing.T) {
	lf := loadText(lines(
		"# ml: head of the document",          // 1
		"apiVersion: v1",                      // 2
		"kind: ConfigMap",                     // 3
		"metadata:",                           // 4
		"  name: x  # ml: trailing",           // 5
		"data:",                               // 6
		`  a: "quoted # ml: not a comment"`,   // 7
		`  b: 'q # ml: no' # ml: after quote`, // 8
		"  c: |",                              // 9
		"    # ml: inside a block scalar",     // 10
		"  d: x#ml:not-a-comment",             // 11
		"  # ml: foot comment",                // 12
		"---",                                 // 13
		"# other comment",                     // 14
	))
	got := lf.Comments("ml:")
	want := []Comment{
		{Line: 1, Column: 1, EndColumn: 27, Text: "ml: head of the document", Alone: true, Subject: 2},
		{Line: 5, Column: 12, EndColumn: 26, Text: "ml: trailing", Subject: 5},
		{Line: 8, Column: 19, EndColumn: 36, Text: "ml: after quote", Subject: 8},
		{Line: 12, Column: 3, EndColumn: 21, Text: "ml: foot comment", Alone: true, Subject: 13},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Comments:\n got %+v\nwant %+v", got, want)
	}
	if all := lf.Comments(""); len(all) != 5 {
		t.Errorf("Comments(\"\") found %d comments, want 5: %+v", len(all), all)
	}
	if none := lf.Comments("absent"); none != nil {
		t.Errorf("Comments(absent) = %+v", none)
	}
}

// A file of many quoted scalars and many comments is read in about
// linear time: each comment is looked up among the sorted scalars.
func TestCommentsManyScalars(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n")
	const n = 20000
	for i := range n {
		fmt.Fprintf(&b, "  k%d: \"v # ml: no\" # ml: yes\n", i)
	}
	lf := LoadAll([]source.Source{{Path: "big.yaml", Content: []byte(b.String())}}, Limits{})[0]
	start := time.Now()
	got := lf.Comments("ml:")
	if len(got) != n || got[0].Text != "ml: yes" {
		t.Fatalf("found %d comments (first %+v), want %d after the scalars", len(got), got[0], n)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Comments took %v for %d comments and scalars", d, n)
	}
}

func TestCommentSubjects(t *testing.T) {
	lf := loadText(lines(
		"apiVersion: v1",    // 1
		"kind: ConfigMap",   // 2
		"# ml: a",           // 3
		"# plain",           // 4
		"  # ml: b",         // 5
		"metadata:",         // 6
		"  # ml: c",         // 7
		"",                  // 8
		"  name: x # ml: d", // 9
		"# ml: e",           // 10
	))
	var got []int
	for _, c := range lf.Comments("ml:") {
		got = append(got, c.Subject)
	}
	if want := []int{6, 6, 8, 9, 11}; !reflect.DeepEqual(got, want) {
		t.Errorf("subjects %v; want %v", got, want)
	}
	// Many stacked comments: each line is read once.
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
	const n = 50000
	for range n {
		b.WriteString("# ml: stacked\n")
	}
	b.WriteString("data: {}\n")
	start := time.Now()
	cs := LoadAll([]source.Source{{Path: "big.yaml", Content: []byte(b.String())}}, Limits{})[0].Comments("ml:")
	if len(cs) != n || cs[0].Subject != n+4 || cs[n-1].Subject != n+4 {
		t.Fatalf("%d comments, subjects %d..%d; want %d, all %d", len(cs), cs[0].Subject, cs[len(cs)-1].Subject, n, n+4)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("%v for %d stacked comments", d, n)
	}
}

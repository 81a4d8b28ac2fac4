package yamldoc

import (
	"reflect"
	"testing"
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

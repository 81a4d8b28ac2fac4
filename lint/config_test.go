package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/meshlint/meshlint/lint"
)

// TestConfigErrors: a bad config file is one line naming the file and the
// line, in the config's terms (keys, lists, numbers), not Go's.
func TestConfigErrors(t *testing.T) {
	tests := []struct{ name, config, want string }{
		{"unknown key with a suggestion", "failOn: error\nfailon: error\n", `.meshlint.yaml:2: unknown key "failon" (did you mean "failOn"?)`},
		{"nested unknown key", "rules:\n  disabel: [ML0001]\n", `.meshlint.yaml:2: unknown key "disabel" (did you mean "disable"?)`},
		{"unknown key, nothing close", "colour: red\n", `.meshlint.yaml:1: unknown key "colour"`},
		{"several problems", "a: 1\nb: 2\nc: 3\n", `.meshlint.yaml:1: unknown key "a" (and 2 more)`},
		{"a number expected", "limits:\n  maxNodes: lots\n", `.meshlint.yaml:2: expected a number, not "lots"`},
		{"a list where a string goes", "failOn: [error]\n", `.meshlint.yaml:1: expected a string, not a list`},
		{"a list where a mapping goes", "rules: [ML0001]\n", `.meshlint.yaml:1: expected a mapping, not a list`},
		{"a limit of zero", "limits:\n  maxDepth: 0\n", `.meshlint.yaml:2: limits.maxDepth: must be a positive number, not 0`},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), lint.ConfigFileName)
		if err := os.WriteFile(path, []byte(tt.config), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := lint.ReadConfigFile(path)
		if err == nil || err.Error() != path+tt.want[len(lint.ConfigFileName):] {
			t.Errorf("%s: error %v; want %s%s", tt.name, err, path, tt.want[len(lint.ConfigFileName):])
		}
	}
}

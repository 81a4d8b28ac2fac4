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
		{"namespaces as a list", "namespaces: [alpha]\n", `.meshlint.yaml:1: namespaces: expected a mapping of path globs to namespaces`},
		{"a namespace that is no name", "namespaces:\n  a.yaml: alpha\n  b.yaml: Beta_1\n", `.meshlint.yaml:3: namespaces: "b.yaml": "Beta_1" is not a namespace name (lower-case letters, digits and '-', at most 63 characters)`},
		{"a namespace that is a list", "namespaces:\n  a.yaml: [alpha]\n", `.meshlint.yaml:2: namespaces: "a.yaml": "" is not a namespace name (lower-case letters, digits and '-', at most 63 characters)`},
		{"a bad glob", "namespaces:\n  \"a/[.yaml\": alpha\n", `.meshlint.yaml:2: namespaces: "a/[.yaml" is not a valid glob (see ` + "`paths`" + `)`},
		{"a glob outside the config's directory", "namespaces:\n  ../other/*.yaml: alpha\n", `.meshlint.yaml:2: namespaces: "../other/*.yaml": write the glob relative to the config file's directory, without ".."`},
		{"a glob listed twice", "namespaces:\n  a.yaml: alpha\n  a.yaml: beta\n", `.meshlint.yaml:3: namespaces: "a.yaml" is listed twice`},
		{"injection not a boolean", "injection:\n  enableNamespacesByDefault: maybe\n", `.meshlint.yaml:2: expected true or false, not "maybe"`},
		{"injection key misspelt", "injection:\n  enableNamespaceByDefault: true\n", `.meshlint.yaml:2: unknown key "enableNamespaceByDefault" (did you mean "enableNamespacesByDefault"?)`},
		{"a namespaces problem among others", "namespaces: {a.yaml: Alpha}\nfailon: error\n", `.meshlint.yaml:1: namespaces: "a.yaml": "Alpha" is not a namespace name (lower-case letters, digits and '-', at most 63 characters) (and 1 more)`},
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

// TestConfigNamespaces: `namespaces` maps files, by globs relative to the
// config file, to a namespace; the first matching entry wins, and files
// outside the config's directory or matching nothing get none.
func TestConfigNamespaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, lint.ConfigFileName)
	config := "namespaces:\n" +
		"  error-rates/alpha.yaml: alpha\n" +
		"  overlays/prod/: prod\n" +
		"  \"overlays/**/*.yaml\": staging\n" +
		"  \"./beta.yaml\": beta\n"
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := lint.ReadConfigFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ file, want string }{
		{"error-rates/alpha.yaml", "alpha"},
		{"error-rates/gamma.yaml", ""},
		{"overlays/prod/app/vs.yaml", "prod"},
		{"overlays/dev/vs.yaml", "staging"},
		{"beta.yaml", "beta"},
		{"../beta.yaml", ""},
	}
	for _, tt := range tests {
		if got := f.NamespaceFor(filepath.Join(dir, filepath.FromSlash(tt.file))); got != tt.want {
			t.Errorf("NamespaceFor(%s) = %q; want %q", tt.file, got, tt.want)
		}
	}
}

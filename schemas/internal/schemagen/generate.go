package schemagen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/meshlint/meshlint/schemas"
)

// SourcesFile is the generated record of pinned sources, next to data/.
const SourcesFile = "SOURCES.md"

// source is one upstream module's contribution.
type source struct {
	module  string // module@version
	files   []string
	entries []*entry
}

// Generate writes the embedded schemas under dir (the schemas package
// directory): dir/data/<group>/<version>/<Kind>.json and dir/SOURCES.md. It
// deletes generated files it no longer produces and leaves other files
// (data/README.md) alone.
func Generate(dir string) error {
	files, err := Files()
	if err != nil {
		return err
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			return err
		}
	}
	return removeStale(dir, files)
}

// Files returns everything Generate writes, by slash-separated path
// relative to the schemas directory.
func Files() (map[string][]byte, error) {
	sources, err := collect()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, src := range sources {
		for _, e := range src.entries {
			name := schemas.EmbeddedPath(e.GVK)
			if _, dup := files[name]; dup {
				return nil, fmt.Errorf("%s: produced twice", e.GVK)
			}
			b, err := schemas.EncodeEntry(&e.Entry)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", e.GVK, err)
			}
			files[name] = b
		}
	}
	files[SourcesFile] = sourcesMarkdown(sources)
	return files, nil
}

// collect reads the three pinned sources.
func collect() ([]*source, error) {
	var out []*source
	for _, read := range []func() (*source, error){readIstio, readKubernetes, readGatewayAPI} {
		src, err := read()
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

func readIstio() (*source, error) {
	m, err := openModule(IstioModule, IstioVersion)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	data, err := m.read(IstioCRDFile)
	if err != nil {
		return nil, err
	}
	entries, err := crdEntries(data, m.ID()+"/"+IstioCRDFile)
	if err != nil {
		return nil, err
	}
	return &source{module: m.ID(), files: []string{IstioCRDFile}, entries: entries}, nil
}

func readKubernetes() (*source, error) {
	m, err := openModule(KubernetesModule, KubernetesVersion)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	src := &source{module: m.ID()}
	defsGo, err := m.read(kubernetesDefsFile)
	if err != nil {
		return nil, err
	}
	enums, err := propertyEnums(defsGo, m.ID()+"/"+kubernetesDefsFile)
	if err != nil {
		return nil, err
	}
	src.files = append(src.files, kubernetesDefsFile)
	for _, c := range coreKinds {
		name := kubernetesSpecDir + c.file
		data, err := m.read(name)
		if err != nil {
			return nil, err
		}
		entries, err := coreEntries(data, c.kinds, enums, m.ID()+"/"+name)
		if err != nil {
			return nil, err
		}
		src.files = append(src.files, name)
		src.entries = append(src.entries, entries...)
	}
	return src, nil
}

func readGatewayAPI() (*source, error) {
	m, err := openModule(GatewayAPIModule, GatewayAPIVersion)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	standard, _, err := gatewayChannel(m, gatewayStandardDir)
	if err != nil {
		return nil, err
	}
	src := &source{module: m.ID()}
	src.entries, src.files, err = gatewayChannel(m, gatewayExperimentalDir)
	if err != nil {
		return nil, err
	}
	served := map[schemas.GVK]bool{}
	for _, e := range src.entries {
		served[e.GVK] = false
	}
	for _, e := range standard {
		if _, ok := served[e.GVK]; !ok {
			return nil, fmt.Errorf("%s: %s is in the standard channel only; the experimental channel is no longer a superset", m.ID(), e.GVK)
		}
		served[e.GVK] = e.Served
	}
	for _, e := range src.entries {
		if e.Served && !served[e.GVK] {
			e.Channel = schemas.ExperimentalChannel
		}
	}
	return src, nil
}

// gatewayChannel reads the CRD versions of one channel's directory and
// names the files they came from.
func gatewayChannel(m *module, dir string) ([]*entry, []string, error) {
	names, err := fs.Glob(m.files, dir+"*.yaml")
	if err != nil {
		return nil, nil, err
	}
	var entries []*entry
	var files []string
	for _, name := range names { // fs.Glob sorts
		data, err := m.read(name)
		if err != nil {
			return nil, nil, err
		}
		es, err := crdEntries(data, m.ID()+"/"+name)
		if err != nil {
			return nil, nil, err
		}
		if len(es) > 0 {
			entries = append(entries, es...)
			files = append(files, name)
		}
	}
	return entries, files, nil
}

// removeStale deletes generated files under dir/data that files does not
// hold, and directories left empty.
func removeStale(dir string, files map[string][]byte) error {
	root := filepath.Join(dir, "data")
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		_, keep := files[rel]
		switch {
		case d.IsDir():
			dirs = append(dirs, p)
		case path.Ext(rel) == ".json" && !keep:
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Sort(sort.Reverse(sort.StringSlice(dirs))) // children first
	for _, d := range dirs[:len(dirs)-1] {          // never data/ itself
		if entries, err := os.ReadDir(d); err == nil && len(entries) == 0 {
			if err := os.Remove(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// sourcesMarkdown renders SOURCES.md: what was read, from where, and what
// came of it.
func sourcesMarkdown(sources []*source) []byte {
	var b bytes.Buffer
	b.WriteString("# Schema sources\n\n")
	b.WriteString("Generated by `go generate ./schemas`; do not edit. The pins are constants in\n")
	b.WriteString("`schemas/internal/schemagen/sources.go`; modules are fetched with `go mod download`.\n\n")
	b.WriteString("| module | kinds | entries (kind × version) | served | CEL rules | CEL rules in storage versions |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, src := range sources {
		kinds, served, rules, stored := tally(src.entries)
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %d | %d |\n", src.module, kinds, len(src.entries), served, rules, stored)
	}
	for _, src := range sources {
		fmt.Fprintf(&b, "\n## %s\n\nFiles:\n\n", src.module)
		for _, f := range src.files {
			fmt.Fprintf(&b, "- `%s`\n", f)
		}
		b.WriteString("\n| group | kind | versions (* storage version) |\n|---|---|---|\n")
		for _, row := range kindRows(src.entries) {
			b.WriteString(row)
		}
	}
	return b.Bytes()
}

func tally(entries []*entry) (kinds, served, rules, stored int) {
	seen := map[[2]string]bool{}
	for _, e := range entries {
		seen[[2]string{e.GVK.Group, e.GVK.Kind}] = true
		if e.Served {
			served++
		}
		rules += e.Rules
		if e.Storage {
			stored += e.Rules
		}
	}
	return len(seen), served, rules, stored
}

// kindRows lists each group and kind once with its versions, marking the
// storage version (*), unserved (not served), deprecated ones and those
// served by one release channel only.
func kindRows(entries []*entry) []string {
	versions := map[[2]string][]string{}
	for _, e := range entries {
		v := e.GVK.Version
		if e.Storage && !strings.HasPrefix(e.Origin, KubernetesModule+"@") {
			v += "*"
		}
		if !e.Served {
			v += " (not served)"
		}
		if e.Deprecated {
			v += " (deprecated)"
		}
		if e.Channel != "" {
			v += " (" + e.Channel + " channel only)"
		}
		k := [2]string{e.GVK.Group, e.GVK.Kind}
		versions[k] = append(versions[k], v)
	}
	var rows []string
	for k, vs := range versions {
		group := k[0]
		if group == "" {
			group = "core"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s |\n", group, k[1], strings.Join(vs, ", ")))
	}
	sort.Strings(rows)
	return rows
}

package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/graph/source"
)

// ConfigFileName is the config file meshlint looks for.
const ConfigFileName = ".meshlint.yaml"

// File is the content of a .meshlint.yaml. Every key is optional; unknown
// keys are errors, so a typo never silently disables a setting.
type File struct {
	Paths          []string `yaml:"paths"`
	Ignore         []string `yaml:"ignore"`
	Namespace      string   `yaml:"namespace"`
	ClusterDomain  string   `yaml:"clusterDomain"`
	FailOn         string   `yaml:"failOn"`
	MeshConfig     string   `yaml:"meshConfig"`
	DefaultIngress *bool    `yaml:"defaultIngress"`
	// ApplyOrder false says the files are not applied in input order (a
	// tool sorts them by kind): the apply-order rules (ML7xxx) do not run.
	ApplyOrder *bool           `yaml:"applyOrder"`
	Rules      RulesConfig     `yaml:"rules"`
	Externals  ExternalsConfig `yaml:"externals"`
	Limits     LimitsConfig    `yaml:"limits"`
	// StrictKinds reports kinds meshlint has no schema for (ML0105).
	StrictKinds bool `yaml:"strictKinds"`
	// Policies are directories (or files) of Rego policies run beside
	// the built-in rules, relative to the config file.
	Policies []string `yaml:"policies"`
	// CRDs are CRD files or directories whose schemas validate custom resources.
	CRDs []string `yaml:"crds"`
	// Namespaces maps path globs to the namespace of their documents
	// without one (see NamespacesConfig).
	Namespaces NamespacesConfig `yaml:"namespaces"`
	Injection  InjectionConfig  `yaml:"injection"`
	// InlineSuppressions false ignores the suppressions written in the
	// analyzed files: only this file and the baseline suppress.
	InlineSuppressions *bool `yaml:"inlineSuppressions"`

	// Path is where the file was read from; relative paths in it are
	// relative to its directory.
	Path string `yaml:"-"`
}

// RulesConfig selects rules, overrides severities and sets rule options.
type RulesConfig struct {
	Enable   []string          `yaml:"enable"`
	Disable  []string          `yaml:"disable"`
	Severity map[string]string `yaml:"severity"`
	// Options maps a rule (ID or name) to its options; the nodes keep
	// their lines for error messages.
	Options map[string]map[string]yaml.Node `yaml:"options"`
}

// ExternalsConfig declares what exists outside the analyzed files.
type ExternalsConfig struct {
	Hosts      []string `yaml:"hosts"`
	Gateways   []string `yaml:"gateways"`
	Namespaces []string `yaml:"namespaces"`
}

// InjectionConfig states how the cluster's injector is installed.
type InjectionConfig struct {
	// EnableNamespacesByDefault is the Helm value
	// sidecarInjectorWebhook.enableNamespacesByDefault; it wins over an
	// IstioOperator in the analyzed files.
	EnableNamespacesByDefault *bool `yaml:"enableNamespacesByDefault"`
}

// LimitsConfig bounds the work spent on each input file (see yamldoc.Limits);
// nil means the default, and a set value must be positive.
type LimitsConfig struct {
	MaxFileBytes     *int `yaml:"maxFileBytes"`
	MaxDocuments     *int `yaml:"maxDocuments"`
	MaxNodes         *int `yaml:"maxNodes"`
	MaxDepth         *int `yaml:"maxDepth"`
	MaxAliasExpanded *int `yaml:"maxAliasExpansion"`
}

// check refuses limits of zero or less, which would stop every file; key
// is the offending key.
func (l LimitsConfig) check() (key string, err error) {
	for _, v := range []struct {
		key string
		n   *int
	}{{"maxFileBytes", l.MaxFileBytes}, {"maxDocuments", l.MaxDocuments}, {"maxNodes", l.MaxNodes}, {"maxDepth", l.MaxDepth}, {"maxAliasExpansion", l.MaxAliasExpanded}} {
		if v.n != nil && *v.n <= 0 {
			return v.key, fmt.Errorf("limits.%s: must be a positive number, not %d", v.key, *v.n)
		}
	}
	return "", nil
}

// keyLine is ":N", N the line of the value of section.key in a config
// file's text, so that an error about a value names its line as decoding
// errors do; "" when it is not found.
func keyLine(data []byte, section, key string) string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return ""
	}
	n := doc.Content[0]
	for _, k := range []string{section, key} {
		var next *yaml.Node
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return ""
		}
		n = next
	}
	return fmt.Sprintf(":%d", n.Line)
}

// Dir is the directory relative paths of the config resolve against.
func (f *File) Dir() string { return filepath.Dir(f.Path) }

// FindConfig returns the nearest .meshlint.yaml in start or a parent
// directory (start may be a file), or "" when there is none.
func FindConfig(start string) string {
	dir, err := filepath.Abs(start)
	if err != nil {
		return ""
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	for {
		candidate := filepath.Join(dir, ConfigFileName)
		if info, err := os.Stat(candidate); err == nil && info.Mode().IsRegular() {
			return candidate
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ReadConfigFile reads and checks a config file. Errors name the file and line.
func ReadConfigFile(path string) (*File, error) {
	data, err := source.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %v", err)
	}
	f := &File{Path: path}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(f); err != nil && !errors.Is(err, io.EOF) {
		return nil, configError(path, err)
	}
	if key, err := f.Limits.check(); err != nil {
		return nil, fmt.Errorf("%s%s: %v", path, keyLine(data, "limits", key), err)
	}
	f.Path = path
	return f, nil
}

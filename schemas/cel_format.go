package schemas

import (
	"encoding/base64"
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/meshlint/meshlint/internal/k8svalid"
	"github.com/meshlint/meshlint/internal/lazyre"
)

// The Kubernetes format library: format.<name>() is a named format,
// format.named(name) the same as an optional (none for an unknown name),
// and <format>.validate(s) is none when s is valid, else the list of what
// is wrong with it. Gateway API rules use it as
// `!format.dns1123Subdomain().validate(x).hasValue()`.

var formatType = cel.OpaqueType("kubernetes.NamedFormat")

// formatValue is a named format as a CEL value.
type formatValue struct {
	name  string
	check func(string) []string
}

func (v formatValue) ConvertToNative(t reflect.Type) (any, error) {
	return nil, fmt.Errorf("type conversion error from %s to %v", formatType, t)
}

func (v formatValue) ConvertToType(t ref.Type) ref.Val {
	if t == types.TypeType {
		return formatType
	}
	return types.NewErr("type conversion error from %s to %s", formatType, t)
}

func (v formatValue) Equal(other ref.Val) ref.Val {
	o, ok := other.(formatValue)
	return types.Bool(ok && o.name == v.name)
}

func (v formatValue) Type() ref.Type { return formatType }
func (v formatValue) Value() any     { return v.name }

const (
	dns1123Label = `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
	dns1035Label = `[a-z]([-a-z0-9]*[a-z0-9])?`
	dns1123Sub   = dns1123Label + `(\.` + dns1123Label + `)*`
	qualifiedRE  = `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
)

// namedFormats are the formats of the library, by name. The DNS and
// qualified-name grammars are internal/k8svalid's, the one copy meshlint
// has; the pattern strings only say in the message what was expected, as
// the API server's messages do.
var namedFormats = map[string]func(string) []string{
	"dns1123Label":           dnsName(dns1123Label, k8svalid.IsDNS1123Label, 63, "a lowercase RFC 1123 label: lower case alphanumerics or '-', starting and ending with an alphanumeric", false),
	"dns1123Subdomain":       dns1123Subdomain,
	"dns1035Label":           dnsName(dns1035Label, k8svalid.IsDNS1035Label, 63, "a DNS-1035 label: lower case alphanumerics or '-', starting with a letter and ending with an alphanumeric", false),
	"dns1123LabelPrefix":     dnsName(dns1123Label, k8svalid.IsDNS1123Label, 63, "a lowercase RFC 1123 label prefix", true),
	"dns1123SubdomainPrefix": dnsName(dns1123Sub, k8svalid.IsDNS1123Subdomain, 253, "a lowercase RFC 1123 subdomain prefix", true),
	"dns1035LabelPrefix":     dnsName(dns1035Label, k8svalid.IsDNS1035Label, 63, "a DNS-1035 label prefix", true),
	"qualifiedName":          qualifiedName,
	"labelValue":             dnsName(`(`+qualifiedRE+`)?`, isLabelValue, 63, "a label value: empty, or alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric", false),
	"uri":                    parses(func(s string) error { _, err := url.ParseRequestURI(s); return err }),
	"uuid":                   dnsName(uuidRE, lazyre.New(`^(`+uuidRE+`)$`).MatchString, 36, "a UUID", false),
	"byte":                   parses(func(s string) error { _, err := base64.StdEncoding.DecodeString(s); return err }),
	"date":                   parses(func(s string) error { _, err := time.Parse(time.DateOnly, s); return err }),
	"datetime":               parses(func(s string) error { _, err := time.Parse(time.RFC3339Nano, s); return err }),
}

const uuidRE = `(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}`

func isLabelValue(s string) bool { return s == "" || k8svalid.IsQualifiedName(s) }

// dnsName checks a length limit and a grammar (pattern is how messages
// state it). A prefix (as in metadata.generateName) may end with '-',
// which the name it starts may not.
func dnsName(pattern string, valid func(string) bool, maxLen int, what string, prefix bool) func(string) []string {
	return func(s string) []string {
		var errs []string
		if len(s) > maxLen {
			errs = append(errs, fmt.Sprintf("must be no more than %d characters", maxLen))
		}
		if prefix && len(s) > 1 && strings.HasSuffix(s, "-") {
			s = s[:len(s)-1] + "a"
		}
		if !valid(s) {
			errs = append(errs, "must be "+what+" (regex used for validation is '"+pattern+"')")
		}
		return errs
	}
}

var dns1123Subdomain = dnsName(dns1123Sub, k8svalid.IsDNS1123Subdomain, 253, "a lowercase RFC 1123 subdomain: lower case alphanumerics, '-' or '.', starting and ending with an alphanumeric", false)

var qualifiedPart = dnsName(qualifiedRE, k8svalid.IsQualifiedName, 63, "alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric", false)

// qualifiedName is a name with an optional DNS subdomain prefix and '/',
// as label and annotation keys are (e.g. "example.com/MyName").
func qualifiedName(s string) []string {
	prefix, name, found := strings.Cut(s, "/")
	if !found {
		prefix, name = "", s
	}
	var errs []string
	switch {
	case found && prefix == "":
		errs = append(errs, "prefix part must be non-empty")
	case found:
		for _, e := range dns1123Subdomain(prefix) {
			errs = append(errs, "prefix part "+e)
		}
	}
	if name == "" {
		return append(errs, "name part must be non-empty")
	}
	for _, e := range qualifiedPart(name) {
		errs = append(errs, "name part "+e)
	}
	return errs
}

func parses(parse func(string) error) func(string) []string {
	return func(s string) []string {
		if err := parse(s); err != nil {
			return []string{err.Error()}
		}
		return nil
	}
}

func kubernetesFormat() cel.EnvOption {
	opts := []cel.EnvOption{
		cel.Types(formatType),
		cel.Function("format.named", cel.Overload("format-named", []*cel.Type{cel.StringType}, cel.OptionalType(formatType),
			cel.UnaryBinding(func(name ref.Val) ref.Val {
				s, _ := name.(types.String)
				if check, ok := namedFormats[string(s)]; ok {
					return types.OptionalOf(formatValue{string(s), check})
				}
				return types.OptionalNone
			}))),
		cel.Function("validate", cel.MemberOverload("format-validate", []*cel.Type{formatType, cel.StringType}, cel.OptionalType(cel.ListType(cel.StringType)),
			cel.BinaryBinding(validateFormat))),
	}
	for _, name := range slices.Sorted(maps.Keys(namedFormats)) {
		f := formatValue{name, namedFormats[name]}
		opts = append(opts, cel.Function("format."+name, cel.Overload("format-"+name, nil, formatType,
			cel.FunctionBinding(func(...ref.Val) ref.Val { return f }))))
	}
	return library("meshlint.kubernetes.format", opts...)
}

func validateFormat(format, s ref.Val) ref.Val {
	f, ok1 := format.(formatValue)
	str, ok2 := s.(types.String)
	if !ok1 || !ok2 {
		return types.NoSuchOverloadErr()
	}
	if errs := f.check(string(str)); len(errs) > 0 {
		return types.OptionalOf(types.DefaultTypeAdapter.NativeToValue(errs))
	}
	return types.OptionalNone
}

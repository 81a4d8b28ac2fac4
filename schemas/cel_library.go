package schemas

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
)

// The Kubernetes CEL libraries that cel-go does not ship, written from
// their documentation (kubernetes.io, "CEL in Kubernetes"): URLs, regex and
// lists here, format in cel_format.go.

// celLib is a named set of declarations, installed once per environment.
type celLib struct {
	name string
	opts []cel.EnvOption
}

func (l celLib) LibraryName() string                           { return l.name }
func (l celLib) CompileOptions() []cel.EnvOption               { return l.opts }
func (l celLib) ProgramOptions() []cel.ProgramOption           { return nil }
func library(name string, opts ...cel.EnvOption) cel.EnvOption { return cel.Lib(celLib{name, opts}) }

// urlType is the opaque type url() returns.
var urlType = cel.OpaqueType("kubernetes.URL")

// urlValue is a parsed URL as a CEL value.
type urlValue struct{ u *url.URL }

func (v urlValue) ConvertToNative(t reflect.Type) (any, error) {
	if t == reflect.TypeOf(v.u) {
		return v.u, nil
	}
	return nil, fmt.Errorf("type conversion error from URL to %v", t)
}

func (v urlValue) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case types.StringType:
		return types.String(v.u.String())
	case types.TypeType:
		return urlType
	}
	return types.NewErr("type conversion error from %s to %s", urlType, t)
}

func (v urlValue) Equal(other ref.Val) ref.Val {
	o, ok := other.(urlValue)
	return types.Bool(ok && o.u.String() == v.u.String())
}

func (v urlValue) Type() ref.Type { return urlType }
func (v urlValue) Value() any     { return v.u }

// kubernetesURLs: url(string) parses an absolute URI or an absolute path
// (the OpenAPI "uri" format's rule) or fails; isURL(string) tells whether it
// would; getters return the parts, "" when absent.
func kubernetesURLs() cel.EnvOption {
	getter := func(name string, get func(*url.URL) ref.Val, result *cel.Type) cel.EnvOption {
		return cel.Function(name, cel.MemberOverload("url_"+name, []*cel.Type{urlType}, result,
			cel.UnaryBinding(func(v ref.Val) ref.Val {
				if u, ok := v.(urlValue); ok {
					return get(u.u)
				}
				return types.MaybeNoSuchOverloadErr(v)
			})))
	}
	str := func(name string, get func(*url.URL) string) cel.EnvOption {
		return getter(name, func(u *url.URL) ref.Val { return types.String(get(u)) }, cel.StringType)
	}
	return library("meshlint.kubernetes.urls",
		cel.Types(urlType),
		cel.Function("url", cel.Overload("string_to_url", []*cel.Type{cel.StringType}, urlType,
			cel.UnaryBinding(stringToURL))),
		cel.Function("isURL", cel.Overload("is_url_string", []*cel.Type{cel.StringType}, cel.BoolType,
			cel.UnaryBinding(func(v ref.Val) ref.Val { return types.Bool(!types.IsError(stringToURL(v))) }))),
		str("getScheme", func(u *url.URL) string { return u.Scheme }),
		str("getHost", func(u *url.URL) string { return u.Host }),
		str("getHostname", (*url.URL).Hostname),
		str("getPort", (*url.URL).Port),
		str("getEscapedPath", (*url.URL).EscapedPath),
		getter("getQuery", func(u *url.URL) ref.Val {
			return types.DefaultTypeAdapter.NativeToValue(map[string][]string(u.Query()))
		}, cel.MapType(cel.StringType, cel.ListType(cel.StringType))),
	)
}

func stringToURL(v ref.Val) ref.Val {
	s, ok := v.(types.String)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}
	// ParseRequestURI decides validity (absolute URI or absolute path);
	// Parse then splits the parts, fragment included, which the former
	// would fold into the path or the query.
	if _, err := url.ParseRequestURI(string(s)); err != nil {
		return types.NewErr("URL parse error during conversion from string: %v", err)
	}
	u, err := url.Parse(string(s))
	if err != nil {
		return types.NewErr("URL parse error during conversion from string: %v", err)
	}
	return urlValue{u}
}

// kubernetesRegex: s.find(re) is the first match of re in s ("" if none);
// s.findAll(re[, n]) lists the matches (at most n when n >= 0).
func kubernetesRegex() cel.EnvOption {
	return library("meshlint.kubernetes.regex",
		cel.Function("find", cel.MemberOverload("string_find_string", []*cel.Type{cel.StringType, cel.StringType}, cel.StringType,
			cel.BinaryBinding(func(s, re ref.Val) ref.Val {
				return withRegexp(s, re, func(str string, r *regexp.Regexp) ref.Val { return types.String(r.FindString(str)) })
			}))),
		cel.Function("findAll",
			cel.MemberOverload("string_find_all_string", []*cel.Type{cel.StringType, cel.StringType}, cel.ListType(cel.StringType),
				cel.BinaryBinding(func(s, re ref.Val) ref.Val { return findAll(s, re, types.Int(-1)) })),
			cel.MemberOverload("string_find_all_string_int", []*cel.Type{cel.StringType, cel.StringType, cel.IntType}, cel.ListType(cel.StringType),
				cel.FunctionBinding(func(args ...ref.Val) ref.Val { return findAll(args[0], args[1], args[2]) }))),
	)
}

func findAll(s, re, limit ref.Val) ref.Val {
	n, ok := limit.(types.Int)
	if !ok {
		return types.MaybeNoSuchOverloadErr(limit)
	}
	return withRegexp(s, re, func(str string, r *regexp.Regexp) ref.Val {
		return types.DefaultTypeAdapter.NativeToValue(r.FindAllString(str, int(n)))
	})
}

func withRegexp(s, re ref.Val, f func(string, *regexp.Regexp) ref.Val) ref.Val {
	str, ok1 := s.(types.String)
	pattern, ok2 := re.(types.String)
	if !ok1 || !ok2 {
		return types.NoSuchOverloadErr()
	}
	r, err := regexp.Compile(string(pattern))
	if err != nil {
		return types.NewErr("%v", err)
	}
	return f(string(str), r)
}

// kubernetesLists: on a list of comparable values, isSorted(), min(),
// max(); on a list of numbers or durations, sum(); on any list,
// indexOf(x) and lastIndexOf(x) (-1 when absent).
func kubernetesLists() cel.EnvOption {
	elem := cel.TypeParamType("T")
	list := cel.ListType(elem)
	unary := func(name string, result *cel.Type, f func(traits.Lister) ref.Val) cel.EnvOption {
		return cel.Function(name, cel.MemberOverload("list_"+name, []*cel.Type{list}, result,
			cel.UnaryBinding(func(v ref.Val) ref.Val { return withList(v, f) })))
	}
	index := func(name string, last bool) cel.EnvOption {
		return cel.Function(name, cel.MemberOverload("list_"+name, []*cel.Type{list, elem}, cel.IntType,
			cel.BinaryBinding(func(v, x ref.Val) ref.Val {
				return withList(v, func(l traits.Lister) ref.Val { return listIndex(l, x, last) })
			})))
	}
	return library("meshlint.kubernetes.lists",
		unary("isSorted", cel.BoolType, listIsSorted),
		unary("sum", elem, listSum),
		unary("min", elem, func(l traits.Lister) ref.Val { return listExtreme(l, types.IntNegOne) }),
		unary("max", elem, func(l traits.Lister) ref.Val { return listExtreme(l, types.IntOne) }),
		index("indexOf", false),
		index("lastIndexOf", true),
	)
}

func withList(v ref.Val, f func(traits.Lister) ref.Val) ref.Val {
	if l, ok := v.(traits.Lister); ok {
		return f(l)
	}
	return types.MaybeNoSuchOverloadErr(v)
}

// compare orders a and b: -1, 0 or 1, or an error when they do not compare.
func compare(a, b ref.Val) ref.Val {
	c, ok := a.(traits.Comparer)
	if !ok {
		return types.MaybeNoSuchOverloadErr(a)
	}
	return c.Compare(b)
}

func listIsSorted(l traits.Lister) ref.Val {
	n := l.Size().(types.Int)
	for i := types.Int(1); i < n; i++ {
		switch c := compare(l.Get(i-1), l.Get(i)); {
		case types.IsError(c):
			return c
		case c == types.IntOne:
			return types.False
		}
	}
	return types.True
}

// listExtreme finds the element e such that no other compares to it as
// want (-1 for min, 1 for max).
func listExtreme(l traits.Lister, want types.Int) ref.Val {
	n := l.Size().(types.Int)
	if n == 0 {
		return types.NewErr("min or max called on an empty list")
	}
	best := l.Get(types.IntZero)
	for i := types.Int(1); i < n; i++ {
		e := l.Get(i)
		switch c := compare(e, best); {
		case types.IsError(c):
			return c
		case c == want:
			best = e
		}
	}
	return best
}

func listSum(l traits.Lister) ref.Val {
	n := l.Size().(types.Int)
	if n == 0 {
		return types.IntZero // the element type is unknown at run time
	}
	sum := l.Get(types.IntZero)
	switch sum.Type() {
	case types.IntType, types.UintType, types.DoubleType, types.DurationType:
	default:
		return types.NoSuchOverloadErr()
	}
	for i := types.Int(1); i < n; i++ {
		a, ok := sum.(traits.Adder)
		if !ok {
			return types.NoSuchOverloadErr()
		}
		if sum = a.Add(l.Get(i)); types.IsError(sum) {
			return sum
		}
	}
	return sum
}

func listIndex(l traits.Lister, x ref.Val, last bool) ref.Val {
	n := l.Size().(types.Int)
	for j := types.Int(0); j < n; j++ {
		i := j
		if last {
			i = n - 1 - j
		}
		if l.Get(i).Equal(x) == types.True {
			return i
		}
	}
	return types.IntNegOne
}

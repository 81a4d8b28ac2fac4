package metadata

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
	"istio.io/api/annotation"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/internal/lazyre"
)

// IstioAnnotationInvalid reports pod annotations of the sidecar injector
// whose value it cannot read.
var IstioAnnotationInvalid = &analyzers.Rule{
	ID: "ML8007", Name: "istio-annotation-invalid", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         annotationInputs,
	Summary:        "a sidecar injector annotation has a value the injector rejects",
	Istio:          []string{"IST0125"},
	IstioAnalyzers: []string{"annotations.K8sAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8007"),
	Run:            runIstioAnnotationInvalid,
}

func runIstioAnnotationInvalid(p *analyzers.Pass) {
	istioAnnotations(p, func(a annotated) {
		check := annotationCheck[a.key]
		if a.def == nil || check == nil || misplaced(a) || hasTemplate(a.value) {
			return
		}
		if err := check(a.value); err != nil {
			p.Report(a.r, a.path, "the injector cannot read %s: %q: %v", a.key, a.value, err)
		}
	})
}

func hasTemplate(v string) bool { return strings.Contains(v, "{{") || strings.Contains(v, "${") }

// annotationCheck holds what the injector accepts for the annotations it
// validates (pkg/kube/inject's list in Istio).
var annotationCheck = map[string]func(string) error{
	annotation.SidecarInterceptionMode.Name:                   oneOf("REDIRECT", "TPROXY", "NONE"),
	annotation.SidecarStatusPort.Name:                         checkPort,
	annotation.SidecarStatusReadinessInitialDelaySeconds.Name: checkUint32,
	annotation.SidecarStatusReadinessPeriodSeconds.Name:       checkUint32,
	annotation.SidecarStatusReadinessFailureThreshold.Name:    checkUint32,
	annotation.SidecarTrafficIncludeOutboundIPRanges.Name:     checkCIDRs(true),
	annotation.SidecarTrafficExcludeOutboundIPRanges.Name:     checkCIDRs(false),
	annotation.SidecarTrafficIncludeInboundPorts.Name:         checkPorts(true),
	annotation.SidecarTrafficExcludeInboundPorts.Name:         checkPorts(false),
	annotation.SidecarTrafficExcludeOutboundPorts.Name:        checkPorts(false),
	annotation.PrometheusMergeMetrics.Name:                    checkBool,
	annotation.ProxyConfig.Name:                               checkYAMLMap,
	annotation.SidecarProxyCPU.Name:                           checkQuantity,
	annotation.SidecarProxyMemory.Name:                        checkQuantity,
	annotation.SidecarProxyCPULimit.Name:                      checkQuantity,
	annotation.SidecarProxyMemoryLimit.Name:                   checkQuantity,
}

func oneOf(values ...string) func(string) error {
	return func(v string) error {
		for _, ok := range values {
			if v == ok {
				return nil
			}
		}
		return fmt.Errorf("want one of %s", strings.Join(values, ", "))
	}
}

func checkUint32(v string) error {
	if _, err := strconv.ParseUint(v, 10, 32); err != nil {
		return errors.New("want a whole number")
	}
	return nil
}

func checkPort(v string) error {
	n, err := strconv.ParseUint(v, 10, 16)
	if err != nil || n == 0 {
		return errors.New("want a port number from 1 to 65535")
	}
	return nil
}

func checkBool(v string) error {
	if _, err := strconv.ParseBool(v); err != nil {
		return errors.New("want true or false")
	}
	return nil
}

// checkCIDRs accepts a comma-separated list of CIDR ranges; "*" too when
// star is true. An empty value is allowed.
func checkCIDRs(star bool) func(string) error {
	return func(v string) error {
		if v == "*" && star {
			return nil
		}
		for _, s := range splitList(v) {
			if _, err := netip.ParsePrefix(s); err != nil {
				return fmt.Errorf("%q is not a CIDR range", s)
			}
		}
		return nil
	}
}

// checkPorts accepts a comma-separated list of ports; "*" too when star
// is true.
func checkPorts(star bool) func(string) error {
	return func(v string) error {
		if v == "*" && star {
			return nil
		}
		for _, s := range splitList(v) {
			if checkPort(s) != nil {
				return fmt.Errorf("%q is not a port number", s)
			}
		}
		return nil
	}
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// checkYAMLMap accepts a YAML (or JSON) mapping, as ProxyConfig is.
func checkYAMLMap(v string) error {
	if strings.ContainsAny(v, "&*") {
		return nil // anchors: not judged, expanding them is unbounded
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(v), &m); err != nil {
		return errors.New("want a ProxyConfig as a YAML mapping")
	}
	return nil
}

// quantity is a Kubernetes resource quantity: a number with an optional
// binary or decimal suffix.
var quantity = lazyre.New(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$`)

func checkQuantity(v string) error {
	if !quantity.MatchString(v) {
		return errors.New("want a resource quantity such as 100m or 128Mi")
	}
	return nil
}

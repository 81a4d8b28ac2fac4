package validation

import (
	"regexp"

	networking "istio.io/api/networking/v1alpha3"
)

func proxyVersionCompiles(cp *networking.EnvoyFilter_EnvoyConfigObjectPatch) bool {
	_, err := regexp.Compile(cp.GetMatch().GetProxy().GetProxyVersion())
	return err == nil
}

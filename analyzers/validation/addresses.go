package validation

import (
	"path"
	"strings"
)

// unixAddressProblem checks a unix domain socket path: absolute, not a
// directory, or an abstract socket (@name).
func unixAddressProblem(sock string) string {
	switch {
	case sock == "":
		return "unix domain socket path must not be empty"
	case strings.HasPrefix(sock, "@"):
		return ""
	case !path.IsAbs(sock) || strings.HasSuffix(sock, "/"):
		return "unix domain socket " + sock + " is not an absolute path to a file"
	}
	return ""
}

package gateways

import (
	"strconv"
	"strings"
)

// hostPart strips the namespace scope of a Gateway server host entry.
func hostPart(entry string) string {
	if _, host, ok := strings.Cut(entry, "/"); ok {
		return host
	}
	return entry
}

func itoa(n uint32) string { return strconv.FormatUint(uint64(n), 10) }

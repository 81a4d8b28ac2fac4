// Package gateways holds the ML5xxx rules: gateways and ingress/egress
// (server ports, TLS settings, hosts and the VirtualServices that route
// them).
package gateways

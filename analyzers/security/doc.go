// Package security holds the ML4xxx rules: TLS settings, mTLS and
// authorization.
package security

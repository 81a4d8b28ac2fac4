// Package validation holds the ML02xx rules. They
// reproduce the checks of Istio's validating webhook (the Go validation that
// runs after the CRD's OpenAPI schema and CEL rules), which istioctl analyze
// reports as IST0106 (error) and IST0133 (warning). Where the CRD already
// says the same, the schema rules report it and these do not, so that one
// mistake yields one finding: ML0103 a missing required field (a Gateway
// server's port, a route's destination), ML0120 a CEL rule (most duration
// minimums, ServiceEntry port ranges, `*` as a ServiceEntry host, the
// one-of rules between selector and targetRefs).
package validation

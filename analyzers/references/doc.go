// Package references holds the ML1xxx rules: hosts, subsets, gateways and
// selectors that name something the analyzed manifests do not define.
package references

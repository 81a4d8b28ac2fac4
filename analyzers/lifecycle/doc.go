// Package lifecycle holds the ML7xxx rules: the order in which the input
// is applied (graph's apply order), where an object applied before what
// it needs fails or breaks traffic until the rest lands. The config key
// applyOrder: false says the input is not applied in order (Argo CD,
// Helm and kapp sort kinds themselves); these rules do not run then.
package lifecycle

// Package routing holds the ML2xxx rules: default routes, and traffic the
// proxies cannot route as written.
package routing

//go:build !linux

package hugeheap

// Reserve does nothing where the system's pages are not Linux's.
func Reserve(n int64) {}

// Release does nothing where the system's pages are not Linux's.
func Release() {}

//go:build linux

package hugeheap

import (
	"syscall"
	"testing"
	"unsafe"
)

// The start-up ballast only raises the collector's goal: not one of its
// pages may be backed by memory. This file's tests run first (files in
// the order of their names), before any Reserve drops the ballast.
func TestStartBallastIsNeverBacked(t *testing.T) {
	if machine.pageSize == 0 {
		t.Skip("transparent huge pages are not given on request here: no start-up reservation")
	}
	ballast := startBallast
	if len(ballast) != startHeap {
		t.Fatalf("start-up ballast holds %d bytes, want %d", len(ballast), startHeap)
	}
	if resident := residentPages(t, ballast); resident > 0 {
		t.Errorf("%d pages of the start-up ballast are backed by memory, want none", resident)
	}
	Release()
	if startBallast != nil {
		t.Errorf("Release left the start-up ballast in place")
	}
}

// residentPages counts the pages of b in memory (mincore).
func residentPages(t *testing.T, b []byte) int {
	const page = 4096
	base := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start, end := (base+page-1)&^(page-1), (base+uintptr(len(b)))&^(page-1)
	vec := make([]byte, (end-start)/page)
	if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, start, end-start, uintptr(unsafe.Pointer(unsafe.SliceData(vec)))); errno != 0 {
		t.Skipf("mincore: %v", errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

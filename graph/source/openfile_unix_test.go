//go:build unix

package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadRegularFileThroughDescriptor(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	want := "kind: Service\n"
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readRegularFile(path, 0)
	if err != nil || string(got) != want {
		t.Fatalf("readRegularFile = %q, %v; want %q", got, err, want)
	}
	if _, err := readRegularFile(filepath.Join(dir, "missing.yaml"), 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want not exist", err)
	}
	if _, err := readRegularFile(dir, 0); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("a directory: %v, want EISDIR from read, as os.File gives", err)
	}
}

func TestFileModeOfStatTypes(t *testing.T) {
	for mode, want := range map[uint32]fs.FileMode{
		syscall.S_IFREG:  0,
		syscall.S_IFDIR:  fs.ModeDir,
		syscall.S_IFIFO:  fs.ModeNamedPipe,
		syscall.S_IFSOCK: fs.ModeSocket,
		syscall.S_IFCHR:  fs.ModeDevice | fs.ModeCharDevice,
		syscall.S_IFBLK:  fs.ModeDevice,
	} {
		if got := fileMode(mode | 0o644); got != want {
			t.Errorf("fileMode(%o) = %v, want %v", mode, got, want)
		}
		if err := checkRegularMode(fileMode(mode)); (err == nil) != (want == 0 || want == fs.ModeDir) {
			t.Errorf("checkRegularMode(%v) = %v", want, err)
		}
	}
}

//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The hostile paths that need Unix: symbolic link loops, files without
// read permission, named pipes.

func TestHostileSymlinkLoop(t *testing.T) {
	dir := hostileDir(t, map[string]string{"tree/ok.yaml": cleanService})
	links := map[string]string{
		"loop.yaml":      "loop.yaml", // itself
		"a.yaml":         "b.yaml",    // two links to each other
		"b.yaml":         "a.yaml",    // and back
		"tree/up":        "..",        // a walk that followed it would never end
		"tree/self.yaml": "self.yaml", // met in a walk
		"tree/down.yaml": "../a.yaml", // a link into the loop
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"loop.yaml", "a.yaml"} {
		path := filepath.Join(dir, name)
		code, out, errOut := runBounded(t, path)
		expectExit(t, code, out, errOut, exitUsage, nil, []string{"meshlint: " + path + ": too many levels of symbolic links"})
	}
	// A walk does not follow links to directories, nor broken or looping
	// ones: it lints tree/ok.yaml and ends.
	code, out, errOut := runBounded(t, filepath.Join(dir, "tree"))
	expectExit(t, code, out, errOut, exitClean, nil, []string{"1 file, 1 resource"})
}

// TestSymlinkedManifests: a link to a manifest file is linted in a walk,
// as the file it points to; links to directories are not followed.
func TestSymlinkedManifests(t *testing.T) {
	dir := hostileDir(t, map[string]string{"tree/ok.yaml": cleanService, "shared/svc.yaml": strings.ReplaceAll(cleanService, "name: ", "name: shared-")})
	for name, target := range map[string]string{"tree/linked.yaml": "../shared/svc.yaml", "tree/shared-dir": "../shared"} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runBounded(t, filepath.Join(dir, "tree"))
	expectExit(t, code, out, errOut, exitClean, nil, []string{"2 files, 2 resources"})
}

func TestHostileUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir := hostileDir(t, map[string]string{"tree/ok.yaml": cleanService, "tree/secret.yaml": cleanService})
	secret := filepath.Join(dir, "tree", "secret.yaml")
	if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{secret, filepath.Join(dir, "tree")} {
		code, out, errOut := runBounded(t, path)
		expectExit(t, code, out, errOut, exitUsage, nil, []string{"meshlint: " + secret + ": permission denied"})
	}
}

// TestHostileFIFO: a named pipe named on the command line is refused at
// once (opening it would wait for a writer forever); in a walk it is
// skipped.
func TestHostileFIFO(t *testing.T) {
	dir := hostileDir(t, map[string]string{"tree/ok.yaml": cleanService})
	fifo := filepath.Join(dir, "tree", "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBounded(t, fifo)
	expectExit(t, code, out, errOut, exitUsage, nil, []string{"meshlint: " + fifo + ": not a regular file or directory but a named pipe"})

	code, out, errOut = runBounded(t, filepath.Join(dir, "tree"))
	expectExit(t, code, out, errOut, exitClean, nil, []string{"1 file, 1 resource"})
}

// TestFIFOAsSettingsFile: the files flags name (config, mesh config, CRDs,
// baseline) are refused when they are pipes, instead of waiting forever
// for a writer.
func TestFIFOAsSettingsFile(t *testing.T) {
	dir := hostileDir(t, map[string]string{"tree/ok.yaml": cleanService})
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tree := filepath.Join(dir, "tree")
	for _, flag := range []string{"--config", "--mesh-config", "--crd", "--baseline"} {
		code, out, errOut := runBounded(t, flag, fifo, tree)
		expectExit(t, code, out, errOut, exitUsage, nil, []string{fifo + ": not a regular file or directory but a named pipe"})
	}
}

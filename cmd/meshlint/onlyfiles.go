package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
)

// unknownOnlyFiles returns the --only files that do not exist and that git
// does not know as deleted either (tracked in the index or at HEAD): most
// likely typos, which would otherwise report nothing and pass. A hook
// passes deleted files along with the rest; those stay silent. Outside a
// git work tree, every missing file is unknown.
func unknownOnlyFiles(only []string) []string {
	var unknown []string
	for _, o := range only {
		if _, err := os.Lstat(o); !errors.Is(err, fs.ErrNotExist) || deletedInGit(o) {
			continue
		}
		unknown = append(unknown, o)
	}
	return unknown
}

// deletedInGit reports whether git knows path, which is gone from the
// work tree: still in the index (deleted, not staged) or at HEAD (deleted
// and staged). Any failure, git missing or not a work tree, says no.
func deletedInGit(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	// git -C needs a directory that exists: the file's whole directory
	// may have been deleted with it.
	dir := filepath.Dir(abs)
	for {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	inIndex := exec.Command("git", "-C", dir, "ls-files", "--error-unmatch", "--", rel)
	atHead := exec.Command("git", "-C", dir, "cat-file", "-e", "HEAD:./"+rel)
	return inIndex.Run() == nil || atHead.Run() == nil
}

package gitrepo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Tracked returns the files of the index below dir, relative to dir, that
// exist in the work tree: a file deleted but not yet staged is left out.
func Tracked(dir string) ([]string, error) {
	out, err := git(dir, "ls-files", "-z", "--cached")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, name := range strings.Split(out, "\x00") {
		if name == "" {
			continue
		}
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			files = append(files, filepath.FromSlash(name))
		}
	}
	return files, nil
}

// entry is one file of a tree: mode, object ID and path.
type entry struct{ mode, oid, path string }

// Export writes the files of commit (regular files and symbolic links;
// submodules are left out) below dst, reading them from git objects.
func (r *Repo) Export(commit, dst string) error {
	entries, err := r.treeEntries(commit)
	if err != nil {
		return err
	}
	cmd := exec.Command("git", "-C", r.Top, "cat-file", "--batch")
	var input bytes.Buffer
	for _, e := range entries {
		input.WriteString(e.oid + "\n")
	}
	cmd.Stdin = &input
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	werr := writeBlobs(bufio.NewReader(stdout), entries, dst)
	if werr != nil {
		_, _ = io.Copy(io.Discard, stdout) // let git finish before Wait
	}
	if err := cmd.Wait(); err != nil && werr == nil {
		werr = fmt.Errorf("git cat-file: %v", err)
	}
	return werr
}

// treeEntries lists the blobs of commit's whole tree.
func (r *Repo) treeEntries(commit string) ([]entry, error) {
	out, err := git(r.Top, "ls-tree", "-r", "-z", "--full-tree", commit)
	if err != nil {
		return nil, err
	}
	var entries []entry
	for _, line := range strings.Split(out, "\x00") {
		meta, path, ok := strings.Cut(line, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 || fields[1] != "blob" {
			continue // a submodule's commit, or the empty tail
		}
		entries = append(entries, entry{mode: fields[0], oid: fields[2], path: path})
	}
	return entries, nil
}

// writeBlobs reads cat-file --batch output, one blob per entry in order.
func writeBlobs(rd *bufio.Reader, entries []entry, dst string) error {
	for _, e := range entries {
		header, err := rd.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %v", err)
		}
		fields := strings.Fields(header)
		if len(fields) != 3 {
			return fmt.Errorf("git cat-file: %s", strings.TrimSpace(header))
		}
		size, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil {
			return fmt.Errorf("git cat-file: %s", strings.TrimSpace(header))
		}
		data := make([]byte, size+1) // the content and its trailing newline
		if _, err := io.ReadFull(rd, data); err != nil {
			return fmt.Errorf("git cat-file: %v", err)
		}
		if err := writeEntry(dst, e, data[:size]); err != nil {
			return err
		}
	}
	return nil
}

// writeEntry writes one blob as a file, or as a symbolic link (mode 120000).
func writeEntry(dst string, e entry, data []byte) error {
	name := filepath.Join(dst, filepath.FromSlash(e.path))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if e.mode == "120000" {
		return os.Symlink(string(data), name)
	}
	return os.WriteFile(name, data, 0o644)
}

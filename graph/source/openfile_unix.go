//go:build unix

package source

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// rawFile reads a file through its descriptor alone. os.Open readies
// every file for the network poller, which a regular file refuses: five
// system calls of the nine it took to read a manifest, at several
// microseconds each on a virtual machine, were spent on that.
type rawFile struct {
	fd   int
	path string
}

// openFile opens path for reading and says its size and type.
func openFile(path string) (*rawFile, int64, fs.FileMode, error) {
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, 0, 0, &os.PathError{Op: "open", Path: path, Err: err}
	}
	f := &rawFile{fd: fd, path: path}
	var st syscall.Stat_t
	if err := retryEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		f.Close()
		return nil, 0, 0, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	return f, st.Size, fileMode(uint32(st.Mode)), nil
}

func (f *rawFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	err := retryEINTR(func() (err error) {
		n, err = syscall.Read(f.fd, p)
		return err
	})
	switch {
	case err != nil:
		return 0, &os.PathError{Op: "read", Path: f.path, Err: err}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

func (f *rawFile) Close() error { return syscall.Close(f.fd) }

// fileMode is the type bits of a stat mode as fs.FileMode's.
func fileMode(mode uint32) fs.FileMode {
	switch mode & syscall.S_IFMT {
	case syscall.S_IFREG:
		return 0
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	}
	return fs.ModeIrregular
}

func retryEINTR(call func() error) error {
	for {
		if err := call(); err != syscall.EINTR {
			return err
		}
	}
}

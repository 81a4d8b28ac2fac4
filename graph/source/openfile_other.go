//go:build !unix

package source

import (
	"io/fs"
	"os"
)

// openFile opens path for reading and says its size and type.
func openFile(path string) (*os.File, int64, fs.FileMode, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, 0, err
	}
	return f, info.Size(), info.Mode().Type(), nil
}

package schemagen

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
)

// ErrSourceUnavailable means a pinned module could not be fetched (offline,
// proxy unreachable). Callers may treat it as "cannot check" rather than as
// a generator bug; any other error is a bug or a bad pin.
var ErrSourceUnavailable = errors.New("schema source module unavailable")

// module is one pinned module's files, read straight from the zip the go
// command downloaded and verified against go.sum's checksum database.
type module struct {
	path, version string
	zip           *zip.ReadCloser
	files         fs.FS // rooted at the module's top directory
}

// ID is module@version, as recorded in Origin and SOURCES.md.
func (m *module) ID() string { return m.path + "@" + m.version }

func (m *module) read(name string) ([]byte, error) {
	return fs.ReadFile(m.files, name)
}

func (m *module) Close() error { return m.zip.Close() }

// downloadInfo is the part of `go mod download -json` output we use.
type downloadInfo struct {
	Zip   string
	Error string
}

// openModule fetches path@version with `go mod download`, which uses
// GOPROXY, the checksum database and the module cache exactly as a build
// would, and opens its zip. The zip rather than the extracted directory:
// the go command refuses to extract a module that needs a newer Go (see
// GatewayAPIVersion) but has by then downloaded and verified the zip.
func openModule(path, version string) (*module, error) {
	if strings.ToLower(path) != path {
		// Zip entries use the case-escaped path (!x for X); not needed yet.
		return nil, fmt.Errorf("module path %q has upper case letters: escape it", path)
	}
	info, err := download(path + "@" + version)
	if err != nil {
		return nil, err
	}
	zr, err := zip.OpenReader(info.Zip)
	if err != nil {
		return nil, err
	}
	files, err := fs.Sub(&zr.Reader, path+"@"+version)
	if err != nil {
		zr.Close()
		return nil, err
	}
	return &module{path: path, version: version, zip: zr, files: files}, nil
}

func download(mv string) (*downloadInfo, error) {
	// Run outside any module so the caller's go.mod and go.sum are never
	// touched; GOTOOLCHAIN=local stops the go command from fetching a newer
	// toolchain for a module that declares one.
	dir, err := os.MkdirTemp("", "schemagen")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("go", "mod", "download", "-json", mv)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exits 1 when Error is set; judged below
	var info downloadInfo
	if err := json.Unmarshal(stdout.Bytes(), &info); err != nil {
		return nil, fmt.Errorf("%w: go mod download %s: %v %s", ErrSourceUnavailable, mv, runErr, stderr.String())
	}
	return &info, checkDownload(mv, &info)
}

// checkDownload decides whether a download is usable: a zip is all we need,
// so "requires go >= X" is fine; a missing version is a bad pin; anything
// else without a zip is the network.
func checkDownload(mv string, info *downloadInfo) error {
	switch {
	case info.Zip != "" && (info.Error == "" || strings.Contains(info.Error, "requires go >=")):
		if _, err := os.Stat(info.Zip); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrSourceUnavailable, mv, err)
		}
		return nil
	case strings.Contains(info.Error, "unknown revision") || strings.Contains(info.Error, "invalid version"):
		return fmt.Errorf("pinned source %s: %s", mv, info.Error)
	default:
		return fmt.Errorf("%w: go mod download %s: %s", ErrSourceUnavailable, mv, info.Error)
	}
}

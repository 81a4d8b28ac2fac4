// Command bundle writes bundle.bin, the embedded form of the JSON schemas
// of data/, into the schemas directory; `go generate ./schemas` runs it
// after gen has written data/.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/meshlint/meshlint/schemas"
)

func main() {
	dir := flag.String("dir", ".", "the schemas package directory: data/ is read from it, bundle.bin written into it")
	flag.Parse()
	b, err := schemas.BuildBundle(os.DirFS(*dir))
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "bundle.bin"), b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemas/gen/bundle:", err)
		os.Exit(1)
	}
}

// Command gen regenerates meshlint's embedded schemas (schemas/data and
// schemas/SOURCES.md) from the pinned sources; `go generate ./schemas` runs
// it in the schemas directory. The work is in schemas/internal/schemagen so
// that a test can run it too.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/meshlint/meshlint/schemas/internal/schemagen"
)

func main() {
	dir := flag.String("dir", ".", "the schemas package directory to write data/ and "+schemagen.SourcesFile+" into")
	flag.Parse()
	if err := schemagen.Generate(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "schemas/gen:", err)
		os.Exit(1)
	}
}

// Command fillgen writes istiospec's generated fillers (go generate).
package main

import (
	"flag"
	"log"
	"os"

	"github.com/meshlint/meshlint/graph/istiospec/internal/fillgen"
)

func main() {
	out := flag.String("o", "fill_gen.go", "file to write")
	flag.Parse()
	src, err := fillgen.Generate()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

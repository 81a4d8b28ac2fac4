// Command meshbench is the repository's benchmark tool (not shipped):
//
//	meshbench gen -n 10000 -seed 1 -out DIR   write a synthetic mesh (make bench-data)
//	meshbench run                             time the binary end to end (make bench-e2e)
//	meshbench floor DIR...                    decode the YAML only: the floor run measures
//
// The floor is plain yaml.v3 decoding of the same files with as many
// workers as meshlint uses, run as its own process so that its wall time
// and peak RSS compare like with like.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: meshbench gen|run|floor ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "run":
		err = runBench(os.Args[2:])
	case "floor":
		err = floor(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "meshbench: %v\n", err)
		os.Exit(2)
	}
}

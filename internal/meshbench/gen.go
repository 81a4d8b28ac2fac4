package main

import (
	"flag"
	"fmt"

	"github.com/meshlint/meshlint/internal/scalemesh"
)

// gen writes a synthetic mesh of about -n resources.
func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	n := fs.Int("n", 10000, "about this many resources")
	seed := fs.Uint64("seed", 1, "seed choosing where the mistakes go")
	percent := fs.Float64("mistakes", 2, "percent of namespaces and services given each kind of mistake (0: a clean mesh)")
	out := fs.String("out", "", "directory to write (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("gen: -out DIR is required")
	}
	src := scalemesh.Generate(*n, scalemesh.Mistakes{Percent: *percent, Seed: *seed})
	if err := scalemesh.Write(*out, src); err != nil {
		return err
	}
	ns, svc := scalemesh.Shape(*n)
	fmt.Printf("%s: %d files, %d resources (%d namespaces of %d services)\n", *out, len(src),
		ns*(scalemesh.ResourcesPerNamespace+scalemesh.ResourcesPerService*svc), ns, svc)
	return nil
}

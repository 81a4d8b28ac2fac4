package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/pflag"
)

// profileFlags are the hidden --cpuprofile and --memprofile: a user whose
// run is slow can send the profiles (go tool pprof reads them).
type profileFlags struct{ cpu, mem string }

func addProfileFlags(fs *pflag.FlagSet, p *profileFlags) {
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile of the run to `FILE`")
	fs.StringVar(&p.mem, "memprofile", "", "write a heap profile at the end of the run to `FILE`")
	_ = fs.MarkHidden("cpuprofile")
	_ = fs.MarkHidden("memprofile")
}

// defaultMemProfileRate is Go's: one sample per 512 KiB allocated. main
// turns sampling off; --memprofile turns it back on for the run.
const defaultMemProfileRate = 512 << 10

// start begins the CPU profile; the returned stop ends it and writes the
// heap profile, saying on stderr what failed (the run's result stands).
func (p *profileFlags) start(stderr io.Writer) (stop func(), err error) {
	if p.mem != "" && runtime.MemProfileRate == 0 {
		runtime.MemProfileRate = defaultMemProfileRate
	}
	var cpu *os.File
	if p.cpu != "" {
		if cpu, err = os.Create(p.cpu); err != nil {
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				fmt.Fprintf(stderr, "meshlint: --cpuprofile: %v\n", err)
			}
		}
		if p.mem != "" {
			if err := writeHeapProfile(p.mem); err != nil {
				fmt.Fprintf(stderr, "meshlint: --memprofile: %v\n", err)
			}
		}
	}, nil
}

func writeHeapProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	runtime.GC() // the profile shows live memory as of now
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/scalemesh"
)

// largeEnv adds the 100,000-resource size, which takes minutes.
const largeEnv = "MESHLINT_BENCH_LARGE"

// sample is one timed process: wall time and peak RSS.
type sample struct {
	wall time.Duration
	rss  int64 // bytes
}

// runBench times the binary, the floor and istioctl (when ISTIOCTL names
// it) on generated meshes, interleaving their runs so that they share the
// machine's load, and prints the medians as a markdown table.
func runBench(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	bin := fs.String("bin", "bin/meshlint", "meshlint binary to time")
	runs := fs.Int("runs", 5, "runs per tool and size; medians are reported")
	dir := fs.String("dir", "", "where to write the meshes (default: a temporary directory)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	work, err := workDir(*dir)
	if err != nil {
		return err
	}
	if *dir == "" {
		defer os.RemoveAll(work)
	}
	sizes := []int{0, 1000, 10000}
	if os.Getenv(largeEnv) == "1" {
		sizes = append(sizes, 100000)
	}
	fmt.Println(tableHeader(os.Getenv("ISTIOCTL") != ""))
	for _, n := range sizes {
		row, err := benchSize(*bin, filepath.Join(work, "mesh-"+strconv.Itoa(n)), n, *runs)
		if err != nil {
			return err
		}
		fmt.Println(row)
	}
	return nil
}

func workDir(dir string) (string, error) {
	if dir != "" {
		return dir, os.MkdirAll(dir, 0o755)
	}
	return os.MkdirTemp("", "meshbench-")
}

// benchSize writes the mesh of n resources (0: the pre-commit hook's one
// file) and times every tool on it.
func benchSize(bin, dir string, n, runs int) (string, error) {
	src, resources := meshOf(n)
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := scalemesh.Write(dir, src); err != nil {
		return "", err
	}
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	tools := [][]string{
		{bin, "--fail-on", "none", "--output", os.DevNull, dir},
		{self, "floor", dir},
	}
	if ist := os.Getenv("ISTIOCTL"); ist != "" {
		argv, err := istioctlAnalyze(ist, dir)
		if err != nil {
			return "", err
		}
		tools = append(tools, argv)
	}
	samples := make([][]sample, len(tools))
	for run := range runs {
		// The order turns with each run: a run right after one that freed
		// gigabytes (istioctl's) pays for the host taking that memory back
		// as it touches fresh memory, so no tool always follows the same one.
		for j := range tools {
			i := (j + run) % len(tools)
			s, err := timeProcess(tools[i])
			if err != nil {
				return "", err
			}
			samples[i] = append(samples[i], s)
		}
	}
	return tableRow(n, resources, samples), nil
}

// istioctlAnalyze is the istioctl command that analyzes dir offline,
// checked once: istioctl before 1.2x reads a directory's folders only
// with --recursive, later ones refuse the flag yet exit 0 without
// analyzing anything, which would time nothing.
func istioctlAnalyze(ist, dir string) ([]string, error) {
	help, err := exec.Command(ist, "analyze", "--help").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s analyze --help: %v", ist, err)
	}
	argv := []string{ist, "analyze", "--use-kube=false", "--all-namespaces", dir}
	if strings.Contains(string(help), "--recursive") && !strings.Contains(string(help), "recursive flag has been removed") {
		argv = slices.Insert(argv, 2, "--recursive")
	}
	out, _ := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	if !strings.Contains(string(out), dir) {
		return nil, fmt.Errorf("%s analyzed nothing of %s; it said: %.200s", strings.Join(argv, " "), dir, out)
	}
	return argv, nil
}

// meshOf is the benchmark input: a mesh with 2 % mistakes (finding and
// reporting them is part of the work), or the pre-commit hook's file.
func meshOf(n int) ([]source.Source, int) {
	if n == 0 {
		return []source.Source{scalemesh.PreCommitFile()}, 6
	}
	ns, svc := scalemesh.Shape(n)
	src := scalemesh.MeshWith(ns, svc, scalemesh.Mistakes{Percent: 2, Seed: 1})
	return src, ns * (scalemesh.ResourcesPerNamespace + scalemesh.ResourcesPerService*svc)
}

// timeProcess runs argv to completion; the exit code does not matter
// (findings exit 1), a failure to start does.
func timeProcess(argv []string) (sample, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return sample{}, fmt.Errorf("%s: %w", argv[0], err)
	}
	if code := cmd.ProcessState.ExitCode(); code > 1 && !strings.Contains(argv[0], "istioctl") {
		return sample{}, fmt.Errorf("%s exited %d", strings.Join(argv, " "), code)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return sample{wall: wall, rss: rss}, nil
}

func tableHeader(istioctl bool) string {
	h := "| resources | meshlint | resources/s | peak RSS | yaml.v3 floor | floor RSS | ratio |"
	sep := "|---|---|---|---|---|---|---|"
	if istioctl {
		h += " istioctl | meshlint speed-up |"
		sep += "---|---|"
	}
	return h + "\n" + sep
}

func tableRow(n, resources int, samples [][]sample) string {
	ml, fl := median(samples[0]), median(samples[1])
	name := strconv.Itoa(n)
	if n == 0 {
		name = "one file (pre-commit)"
	}
	row := fmt.Sprintf("| %s | %.3f s | %.0f | %d MB | %.3f s | %d MB | %.1f× |", name, ml.wall.Seconds(),
		float64(resources)/ml.wall.Seconds(), ml.rss>>20, fl.wall.Seconds(), fl.rss>>20, ml.wall.Seconds()/fl.wall.Seconds())
	if len(samples) > 2 {
		ist := median(samples[2])
		row += fmt.Sprintf(" %.3f s | %.1f× |", ist.wall.Seconds(), ist.wall.Seconds()/ml.wall.Seconds())
	}
	return row
}

// median takes wall time and RSS medians separately.
func median(s []sample) sample {
	walls := make([]time.Duration, len(s))
	rss := make([]int64, len(s))
	for i, x := range s {
		walls[i], rss[i] = x.wall, x.rss
	}
	slices.Sort(walls)
	slices.Sort(rss)
	return sample{wall: walls[len(s)/2], rss: rss[len(s)/2]}
}

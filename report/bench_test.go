package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

// BenchmarkWrite is the report stage: 10,000 findings (the sample
// report's, repeated over 2,500 files) written in each format, as a
// large mesh with many mistakes gives them.
func BenchmarkWrite(b *testing.B) {
	rep := manyFindings(2500)
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, format, rep, Options{ToolVersion: "0.1.0"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// manyFindings repeats the sample report's findings in files copies, each
// in a file of its own.
func manyFindings(files int) *analyzers.Report {
	sample := sampleReport()
	rep := &analyzers.Report{Rules: sample.Rules}
	for i := range files {
		for _, f := range sample.Findings {
			c := *f
			c.Location.File = fmt.Sprintf("mesh/team-%03d/%s", i, f.Location.File)
			rep.Findings = append(rep.Findings, &c)
		}
	}
	rep.Summary = analyzers.Summary{Files: files, Resources: 4 * files, Errors: 2 * files, Warnings: files, Suppressed: files}
	return rep
}

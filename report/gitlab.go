package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"

	"github.com/meshlint/meshlint/analyzers"
)

// The gitlab* types hold the part of the Code Climate issue format that a
// GitLab Code Quality report uses; GitLab ignores the rest of that format.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path      string          `json:"path"`
	Positions gitlabPositions `json:"positions"`
}

type gitlabPositions struct {
	Begin gitlabPosition `json:"begin"`
	End   gitlabPosition `json:"end"`
}

type gitlabPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// writeGitLab writes a Code Quality report: a JSON array with one issue
// per unsuppressed finding, `[]` when there is none. Suppressed findings
// are left out, because the format has no way to mark an issue dismissed.
func writeGitLab(w io.Writer, rep *analyzers.Report, _ Options) error {
	// Written an issue at a time, as encodeIndented would write the array.
	bw := bufio.NewWriter(w)
	if err := writeIndentedItems(bw, "", gitlabIssuesOf(rep)); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// gitlabIssuesOf lists the issues of rep's unsuppressed findings.
func gitlabIssuesOf(rep *analyzers.Report) []gitlabIssue {
	issues := make([]gitlabIssue, 0, len(rep.Findings))
	seen := make(map[string]int)
	for _, f := range rep.Findings {
		if f.Suppressed {
			continue
		}
		fp := f.Fingerprint()
		issues = append(issues, gitlabIssueOf(f, gitlabFingerprint(fp, seen[fp])))
		seen[fp]++
	}
	return issues
}

func gitlabIssueOf(f *analyzers.Finding, fingerprint string) gitlabIssue {
	// Clamped as for SARIF: GitLab needs a line >= 1, and a file-level
	// finding without a position points at the top of its file.
	r := sarifRegionOf(f.Location.Range)
	return gitlabIssue{
		// The merge request widget shows the description and little else,
		// so it names the rule the way the text format does.
		Description: f.Message + " [" + f.Rule.ID + " " + f.Rule.Name + "]",
		CheckName:   f.Rule.ID,
		Fingerprint: fingerprint,
		Severity:    gitlabSeverity(f.Severity),
		Location: gitlabLocation{
			// As given: the CLI passes paths relative to the working
			// directory, which in CI is the repository root GitLab expects.
			Path: f.Location.File,
			Positions: gitlabPositions{
				Begin: gitlabPosition{Line: r.StartLine, Column: r.StartColumn},
				End:   gitlabPosition{Line: r.EndLine, Column: r.EndColumn},
			},
		},
	}
}

// gitlabFingerprint makes Finding.Fingerprint unique within the report.
// GitLab treats issues with one fingerprint as one issue, so two findings
// that share it (the same problem in two copies of a resource, or a file
// with the same syntax error twice) would be merged into one. The first
// occurrence keeps the plain fingerprint, the one SARIF and baselines use;
// the n-th repeat hashes in n. A counter rather than the line keeps the
// fingerprint stable when unrelated lines shift, which is what lets GitLab
// tell new issues from old ones between the two branches of a merge
// request; the runner's sorted order makes the counter deterministic.
func gitlabFingerprint(fingerprint string, n int) string {
	if n == 0 {
		return fingerprint
	}
	// NUL cannot occur in a hex fingerprint, so the input is unambiguous.
	sum := sha256.Sum256([]byte(fingerprint + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:])
}

// gitlabSeverity maps severities onto GitLab's five levels. An error is
// "critical": it fails the pipeline by default and describes a manifest
// that is rejected or drops traffic. "blocker" would claim more than a
// linter knows (whether the merge must stop is --fail-on's decision). A
// warning is "major", not "minor": meshlint's warnings are about behaviour
// (404s, pods without a sidecar), not style. "minor" stays unused.
func gitlabSeverity(s analyzers.Severity) string {
	switch s {
	case analyzers.SeverityError:
		return "critical"
	case analyzers.SeverityWarning:
		return "major"
	}
	return "info"
}

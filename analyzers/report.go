package analyzers

// Report is the outcome of one lint run, what every output format writes.
type Report struct {
	Findings []*Finding
	// Rules are the rules that ran, for formats that describe them (SARIF).
	Rules   []*Rule
	Summary Summary
	// Debug are messages about the run itself, printed with --verbose.
	Debug []string
}

// Summary counts what was analyzed and found.
type Summary struct {
	Files      int
	Documents  int
	Resources  int
	Errors     int
	Warnings   int
	Infos      int
	Suppressed int
	// NotObjects counts the documents that are not Kubernetes objects
	// (graph.NotObject), which are not analyzed.
	NotObjects int
}

// Count fills the finding counters of the summary from the findings.
func (r *Report) Count() {
	r.Summary.Errors, r.Summary.Warnings, r.Summary.Infos, r.Summary.Suppressed = 0, 0, 0, 0
	for _, f := range r.Findings {
		switch {
		case f.Suppressed:
			r.Summary.Suppressed++
		case f.Severity == SeverityError:
			r.Summary.Errors++
		case f.Severity == SeverityWarning:
			r.Summary.Warnings++
		default:
			r.Summary.Infos++
		}
	}
}

// Fails reports whether any unsuppressed finding is at or above threshold;
// a zero threshold never fails (--fail-on none).
func (r *Report) Fails(threshold Severity) bool {
	if threshold == 0 {
		return false
	}
	for _, f := range r.Findings {
		if !f.Suppressed && f.Severity >= threshold {
			return true
		}
	}
	return false
}

package lint

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/meshlint/meshlint/analyzers"
)

// Timings are how long each stage of a run took, for -v and for finding
// what to optimise. Rules run concurrently, so Schema, GoRules and Rego
// are the time rules of that kind were busy (summed over workers, like CPU
// time), and Rules is the wall time of all of them together.
type Timings struct {
	Read   time.Duration // reading the files (lint.ReadSources; the caller times it)
	Parse  time.Duration // YAML into documents
	Graph  time.Duration // resources, typed specs, indexes and edges
	Rules  time.Duration // every rule, wall time
	Schema time.Duration // schema and webhook validation rules (ML01xx, ML02xx), busy time
	Go     time.Duration // the other Go rules, busy time
	Rego   time.Duration // rules written in Rego, busy time
	Report time.Duration // the processors after the rules, and writing the report (the caller adds it)
}

// addRules books the rules' own times by kind.
func (t *Timings) addRules(rules []*analyzers.Rule, elapsed []time.Duration) {
	for i, r := range rules {
		if i >= len(elapsed) {
			return
		}
		switch {
		case r.Language() == "rego":
			t.Rego += elapsed[i]
		case strings.HasPrefix(r.ID, "ML01"), strings.HasPrefix(r.ID, "ML02"):
			t.Schema += elapsed[i]
		default:
			t.Go += elapsed[i]
		}
	}
}

// Print writes one line per stage, in milliseconds.
func (t *Timings) Print(w io.Writer) {
	for _, s := range []struct {
		name string
		d    time.Duration
	}{
		{"read", t.Read}, {"parse", t.Parse}, {"graph build", t.Graph}, {"rules (wall)", t.Rules},
		{"  schema (busy)", t.Schema}, {"  go analyzers (busy)", t.Go}, {"  rego (busy)", t.Rego}, {"report", t.Report},
	} {
		fmt.Fprintf(w, "meshlint: timing: %-22s %9.1f ms\n", s.name, float64(s.d.Microseconds())/1000)
	}
}

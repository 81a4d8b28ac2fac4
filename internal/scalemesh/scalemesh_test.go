package scalemesh

import (
	"bytes"
	"strings"
	"testing"
)

// TestSeedDeterministic: a seed gives the same bytes every time, another
// seed other places for the mistakes.
func TestSeedDeterministic(t *testing.T) {
	a := Generate(2000, Mistakes{Percent: 5, Seed: 1})
	b := Generate(2000, Mistakes{Percent: 5, Seed: 1})
	c := Generate(2000, Mistakes{Percent: 5, Seed: 2})
	same, differ := true, false
	for i := range a {
		same = same && a[i].Path == b[i].Path && bytes.Equal(a[i].Content, b[i].Content)
		differ = differ || !bytes.Equal(a[i].Content, c[i].Content)
	}
	if !same || !differ {
		t.Errorf("same seed same bytes: %v; other seed differs: %v", same, differ)
	}
}

// TestPercentPlantsMistakes: with Percent the mesh holds a few mistakes,
// without it none.
func TestPercentPlantsMistakes(t *testing.T) {
	count := func(m Mistakes) int {
		n := 0
		for _, s := range Generate(5000, m) {
			n += strings.Count(string(s.Content), "subset: v3") + strings.Count(string(s.Content), "-legacy\n")
		}
		return n
	}
	if n := count(Mistakes{}); n != 0 {
		t.Errorf("clean mesh has %d planted mistakes", n)
	}
	if n := count(Mistakes{Percent: 3, Seed: 7}); n < 10 || n > 150 {
		t.Errorf("3%% of 800 services gives %d marks of missing subsets and stale rules, want about 70", n)
	}
}

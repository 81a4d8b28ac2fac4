package lazyre

import "testing"

func TestRegexp(t *testing.T) {
	re := New(`^a(b+)$`)
	if !re.MatchString("abb") || re.MatchString("ac") {
		t.Error("MatchString")
	}
	if m := re.FindStringSubmatch("abbb"); len(m) != 2 || m[1] != "bbb" {
		t.Errorf("FindStringSubmatch = %q", m)
	}
	if got := New(`b+`).ReplaceAllString("abbcb", "x"); got != "axcx" {
		t.Errorf("ReplaceAllString = %q", got)
	}
}

func TestBadPatternPanicsOnUse(t *testing.T) {
	defer restoreDeclared(len(declared))
	re := New(`(`) // no panic yet
	defer func() {
		if recover() == nil {
			t.Error("a pattern that does not compile did not panic when used")
		}
	}()
	re.MatchString("x")
}

func TestCheckAllFindsABadPattern(t *testing.T) {
	if err := CheckAll(); err != nil {
		t.Fatalf("before: %v", err)
	}
	defer restoreDeclared(len(declared))
	New(`[`)
	if CheckAll() == nil {
		t.Error("CheckAll passed a pattern that does not compile")
	}
}

// restoreDeclared forgets the patterns a test declared after the first n.
func restoreDeclared(n int) { declared = declared[:n] }

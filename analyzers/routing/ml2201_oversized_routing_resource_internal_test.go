package routing

import (
	"encoding/json"
	"math"
	"testing"
)

func TestJSONSizeBoundIsNeverBelowTheEncoding(t *testing.T) {
	values := []any{
		nil, true, int64(math.MinInt64), -1.2345678901234567e-308, math.MaxFloat64,
		"", "<>&", "\x01\x1f\u2028\u2029", "ünïcödé", string([]byte{0xff, 0xfe}),
		[]any{}, []any{"<", "<", ">"}, map[string]any{},
		map[string]any{"<&>": []any{map[string]any{"\x00": nil, "k": 1.5e300}}, "": ""},
	}
	for _, v := range values {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if bound := jsonSizeBound(v); bound < len(data) {
			t.Errorf("jsonSizeBound(%#v) = %d, below the %d bytes of %s", v, bound, len(data), data)
		}
	}
	if bound := jsonSizeBound(struct{}{}); bound < 1<<40 {
		t.Errorf("an unknown type must be bounded by no limit, got %d", bound)
	}
}

package jsonnum

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := []Number{1.5, Number(math.NaN()), Number(math.Inf(1)), -2, 0}
	b, err := json.Marshal(in)
	if err != nil || string(b) != "[1.5,null,null,-2,0]" {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var out []Number
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out[0] != 1.5 || !math.IsNaN(float64(out[1])) || out[3] != -2 {
		t.Errorf("unmarshal = %v", out)
	}
}

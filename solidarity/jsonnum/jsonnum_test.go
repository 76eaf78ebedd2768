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

// Number and Value write finite numbers exactly as encoding/json writes a
// float64, and every undefined value as null.
func TestSameAsFloat64(t *testing.T) {
	for _, f := range []float64{21600, 1234567, 1e21, 1e-7, 0.1 + 0.2, -3.5} {
		want, _ := json.Marshal(f)
		got, _ := json.Marshal(Number(f))
		val, _ := json.Marshal(Value{Value: f})
		if string(got) != string(want) || string(val) != string(want) {
			t.Errorf("%v: Number %s, Value %s; float64 %s", f, got, val, want)
		}
	}
	u := Undefined("no edges")
	b, _ := json.Marshal(u)
	if string(b) != "null" || u.Defined() || u.String() != "NaN (no edges)" {
		t.Errorf("undefined: %s %v %q", b, u.Defined(), u.String())
	}
}

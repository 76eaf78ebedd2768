package mergeable

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	var a, b any
	json.Unmarshal([]byte(`{"x":1,"y":{"z":[1,2,null]},"s":"a"}`), &a)
	json.Unmarshal([]byte(`{"x":1.0000000001,"y":{"z":[1,2.5,null]},"t":"a"}`), &b)
	d := Diff("", b, a, 1e-12)
	want := []string{".s: missing (want a)", ".t: unexpected (got a)", ".x: got 1.0000000001, want 1", ".y.z[1]: got 2.5, want 2"}
	if len(d) != len(want) {
		t.Fatalf("Diff = %q, want %q", d, want)
	}
	for i := range d {
		if d[i] != want[i] {
			t.Errorf("Diff[%d] = %q, want %q", i, d[i], want[i])
		}
	}
	if d := Diff("", b, a, 1); len(d) != 2 {
		t.Errorf("with tol 1: %q, want only the two key differences", d)
	}
}

// TestGob checks that the summaries survive encoding/gob (the coders a
// Beam pipeline can register for them).
func TestGob(t *testing.T) {
	var r Reciprocity
	r.AddPair(Pair{Forward: true, Backward: true, WForward: 2, WBackward: 3})
	r.AddNode(Node{Out: 1, In: 1, Mutual: 1})
	var d DegreePairs
	d.AddArc(3, 4, 2)
	var m Mixing
	m.AddNode("a", true)
	m.AddArc("a", "a", 1.5)
	for _, v := range []any{&r, &d, &m} {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(v); err != nil {
			t.Fatal(err)
		}
		got := map[string]any{"r": &Reciprocity{}, "d": &DegreePairs{}, "m": &Mixing{}}
		var out any
		switch v.(type) {
		case *Reciprocity:
			out = got["r"]
		case *DegreePairs:
			out = got["d"]
		default:
			out = got["m"]
		}
		if err := gob.NewDecoder(&buf).Decode(out); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(v, out) {
			t.Errorf("gob round trip: %+v, want %+v", out, v)
		}
	}
}

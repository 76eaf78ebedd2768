package jsonnum

import (
	"encoding/json"
	"math"
	"strconv"
)

// Number is a float64 that encodes to JSON as null when NaN or infinite.
type Number float64

// MarshalJSON writes the number as encoding/json writes a float64 (so a
// result reads the same whichever type holds it), or null when it is NaN or
// infinite.
func (x Number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads a number, or null as NaN.
func (x *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = Number(math.NaN())
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	*x = Number(f)
	return nil
}

package jsonnum

import (
	"math"
	"strconv"
)

// Value is a number that may be undefined, with the reason: the toolkit's
// one type for "NaN, because ...". An undefined Value holds NaN (or an
// infinity where the index allows one) and Reason says why; a defined one
// has no reason. In JSON a Value is its number or null, like Number; the
// reason travels beside it in the enclosing object, as "reason" (one
// reason for the object) or "reasons" (keyed by the field's name), which
// is how every result of the toolkit writes undefined values.
type Value struct {
	Value  float64
	Reason string
}

// Undefined returns a NaN Value with its reason.
func Undefined(reason string) Value { return Value{Value: math.NaN(), Reason: reason} }

// Defined reports whether the value is a number (not NaN).
func (v Value) Defined() bool { return !math.IsNaN(v.Value) }

// String prints the number, or "NaN (reason)".
func (v Value) String() string {
	if math.IsNaN(v.Value) {
		return "NaN (" + v.Reason + ")"
	}
	return strconv.FormatFloat(v.Value, 'g', -1, 64)
}

// MarshalJSON writes the number, or null when it is NaN or infinite.
func (v Value) MarshalJSON() ([]byte, error) { return Number(v.Value).MarshalJSON() }

// Numbers converts a map of float64 to a map of Number, for JSON (nil
// stays nil).
func Numbers(m map[string]float64) map[string]Number {
	if m == nil {
		return nil
	}
	out := make(map[string]Number, len(m))
	for k, v := range m {
		out[k] = Number(v)
	}
	return out
}

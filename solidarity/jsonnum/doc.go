// Package jsonnum holds Number, the toolkit's one way of writing a value
// that may be undefined to JSON: a float64 that encodes as null when it is
// NaN or infinite (encoding/json refuses those), so an undefined index
// survives --json as null, next to a reason the result carries.
package jsonnum

// Package jsonnum holds the toolkit's one encoding of undefined values.
//
// In Go an undefined index is NaN (an unbounded one may be an infinity),
// with a reason beside it; Value carries both together, and results that
// keep many numbers hold them as Number or float64 next to a "Reason" (one
// for the result) or "Reasons" (keyed by field). In JSON, Number and Value
// encode as null when NaN or infinite (encoding/json refuses those), so an
// undefined index survives --json as null, and the reason is written
// beside it as "reason" or "reasons". Readers of the JSON therefore find,
// for every null, the sentence that explains it.
package jsonnum

// Package memo keeps expensive results on disk between runs of a program,
// keyed by their inputs: the cure for GoNB's cell model, where every cell
// is compiled into a new program that runs every top-level initialiser of
// the earlier cells again.
//
//	res, err := memo.Do(memo.Key("comrades", "polblogs", opt), func() (*comrades.Result, error) {
//		return comrades.Analyze(ev, opt)
//	})
//
// The first run computes and stores the value under the cache directory
// ($SOLIDARITY_CACHE or the user cache, folder memo/); later runs with the
// same key read it back in milliseconds. Values are stored with
// encoding/gob, an arrow.RecordBatch and a *network.Network as Arrow IPC.
// Event tables are not kept (read them again: the registry caches data
// sets as Parquet); keep what is computed from them.
//
// A key names the computation and its inputs; Key builds one from any
// values, hashing networks, event tables and Arrow record batches by
// content, and every entry is also keyed by Version, CodeVersion (a stamp
// of the toolkit's source files) and the value's Go type, so an updated or
// locally changed toolkit, or a changed result type, never reads an old
// entry.
// Writes are atomic (a temporary file renamed into place), so an
// interrupted cell never leaves half an entry; an entry that fails to
// decode is recomputed and replaced. SOLIDARITY_MEMO=off computes every
// time; Clear empties the memo.
//
// A value whose type has unexported fields, channels or functions outside
// a type that encodes itself would not come back whole; such values are
// computed every time and never stored (Storable says why).
package memo

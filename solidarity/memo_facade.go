package solidarity

import (
	"fmt"
	"os"

	"github.com/algosolidarity/toolkit/solidarity/memo"
)

func init() {
	memo.Notify = func(msg string) { fmt.Fprintln(os.Stderr, msg) }
}

// Memo returns the value stored under key, or computes it, stores it on
// disk and returns it: the way to keep an expensive result (a permutation
// test, a simulation, an analysis of a large table) between GoNB cells,
// each of which is a new program that reruns every earlier top-level
// initialiser. Build the key with Key from everything the value depends
// on:
//
//	res, err := solidarity.Memo(solidarity.Key("comrades", ev, opt), func() (*solidarity.ComradesResult, error) {
//		return solidarity.Comrades(ev, opt)
//	})
//
// Entries live under $SOLIDARITY_CACHE/memo (or the user cache), are
// written atomically and are keyed by the toolkit's memo version and the
// value's type too; SOLIDARITY_MEMO=off turns the memo off and ClearMemo
// empties it. A value the memo cannot keep whole (a type with unexported
// fields, say) is computed every time, with a note on standard error. See
// package memo.
func Memo[T any](key string, compute func() (T, error)) (T, error) {
	return memo.Do(key, compute)
}

// Key builds a memo key from what a computation depends on: names and
// numbers by value, options structs field by field, and networks, event
// tables and Arrow record batches by a hash of their content.
func Key(parts ...any) string { return memo.Key(parts...) }

// ClearMemo removes every stored memo entry.
func ClearMemo() error { return memo.Clear() }

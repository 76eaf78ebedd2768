// Package hashmix holds the toolkit's one 64-bit integer mixer, so the
// analyses that hash integer keys (MinHash signatures and LSH bands in
// solidarity/content, the pair sketch in solidarity/coordination) share one
// definition and cannot drift apart: changing it changes their results.
package hashmix

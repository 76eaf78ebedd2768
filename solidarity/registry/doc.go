// Package registry names the public social data sets the toolkit knows,
// fetches them from their original addresses with checksums verified, and
// loads them as networks through a Parquet cache.
//
// The registry itself is datasets/registry.json, embedded in the binary
// (see package datasets). Fetch downloads each file of a data set (or copies
// it from a mirror), decompresses .gz and .zip members, checks the SHA-256 of
// the decompressed content and moves it into the cache atomically; Load
// converts the raw files to Parquet once and reads the Parquet afterwards,
// with no network and no raw parse.
//
// Where things go:
//
//	cache:  Options.CacheDir, else $SOLIDARITY_CACHE, else
//	        os.UserCacheDir()/algosolidarity (XDG_CACHE_HOME on Linux)
//	        <cache>/<name>/<file>          decompressed raw files
//	        <cache>/<name>/hashes.json     what was verified or recorded
//	        <cache>/<name>/edges.parquet, nodes.parquet, parquet.json
//	mirror: Options.Mirror, else $SOLIDARITY_MIRROR: a directory laid out
//	        <mirror>/<folder>/<file> (as shared/datasets/raw) or a base URL
//	        http(s)://host/path/<folder>/<file>. When set, files come only
//	        from the mirror (classrooms and CI work offline), still checked.
//
// A failed, interrupted or mismatching download leaves the cache exactly as
// it was: files are staged under temporary names and renamed only when every
// file of the data set has been verified, and directories created on the way
// are removed again.
package registry

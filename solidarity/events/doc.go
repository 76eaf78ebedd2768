// Package events holds engagement events — who (actor) engaged with which
// item (made by author), how (kind: like, share, reply, message, ...) and
// when (time, Unix seconds) — as one Arrow record batch plus dense integer
// columns that the engagement analyses read, and projects them to the
// actor -> author network of one kind.
//
// Sources: delimited text (ReadCSV) and Parquet (ReadParquet), both read by
// the formats package's table reader (formats.ReadTable: .gz and .zip,
// decompression limits, progress and its error messages); an Arrow record
// batch already in memory (New); events added one at a time (Builder, which
// the platform export readers in package platforms use); and adapters for
// public timed data sets (ReadSNAPTemporal for CollegeMsg-style "src dst
// unixtime" lists, ReadRedditHyperlinks for SNAP's soc-redditHyperlinks TSV).
//
// Memory: an Events value retains its Arrow tables. Release it once when done;
// it is the only value a user has to release. Networks returned by Project
// hold their own tables and are released separately.
package events

// Package frames bridges gota DataFrames (github.com/go-gota/gota) and the
// toolkit's Arrow tables, so a user who already holds a gota frame can build
// a Network from it, and can look at any of our tables as a gota frame.
//
// Types map as gota allows: Arrow integers (int8..int64, uint8..uint64 up to
// the int64 range) become gota Int and come back as int64; float32/float64
// become Float and come back as float64; utf8 (also large and view strings,
// and dictionaries of strings) become String; booleans become Bool. Any
// other Arrow type (timestamps, dates, decimals, lists...) becomes a String
// column holding Arrow's text form of each value, and does not come back as
// its original type.
//
// Missing values. gota has one notion of "missing" (NA, shown as NaN), and it
// cannot tell a missing value from some real ones:
//
//   - Arrow null -> gota NA -> Arrow null, in every type.
//   - A float NaN that is a valid (non-null) Arrow value becomes gota NA,
//     because gota treats every NaN float as missing; it comes back as null.
//     The toolkit's analyses read null and NaN alike (missing), so networks
//     keep their meaning, but the bits differ.
//   - The text "NaN" in a string column: gota's string series turns the
//     value "NaN" into NA, so it comes back as null. Other text, including
//     the empty string, is kept.
//   - gota Int and Bool columns hold NA without converting the column to
//     float, so integer ids and counts keep their type.
//
// None of these conversions copies data more than once per column; gota
// itself copies every series when a DataFrame is built.
package frames

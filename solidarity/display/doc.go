// Package display turns the toolkit's tables (Arrow record batches, gota data
// frames, statistics, mixing matrices, the dataset registry) into values that
// read well everywhere: aligned plain text on a terminal (String), an HTML
// table in a notebook (HTML) and a GitHub-flavoured Markdown table (Markdown).
//
// The HTML follows polars' notebook tables (py-polars dataframe/_html.py): a
// shape line, a row of column types under the header, the head and the tail
// of long tables around an elision row, escaped cells and configurable limits
// (Limits, DefaultLimits). Text and Markdown leave the type row out (it is
// noise on a terminal and in reports); float columns line up at one
// precision, and Undefined cells show NaN with their reason as a note.
//
// Sizes are bounded: a converted record batch, Arrow table or frame keeps
// at most its first and last 500 rows, and shows DefaultLimits.MaxRows.
// Columns and FromRows turn results held as Go slices into tables.
//
// The method names are the ones gophernotes looks for (HTML() string,
// Markdown() string), so a *Table would display itself in gophernotes (whose
// only served release, v0.7.5, cannot start under Go 1.26: the notebooks
// run on GoNB), and solidarity.Show displays it in GoNB. Nothing here uses
// generics, which gophernotes' interpreter cannot import.
package display

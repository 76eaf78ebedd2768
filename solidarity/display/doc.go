// Package display turns the toolkit's tables (Arrow record batches, gota data
// frames, statistics, mixing matrices, the dataset registry) into values that
// read well everywhere: aligned plain text on a terminal (String), an HTML
// table in a notebook (HTML) and a GitHub-flavoured Markdown table (Markdown).
//
// The HTML follows polars' notebook tables (py-polars dataframe/_html.py): a
// shape line, a row of column types under the header, the head and the tail
// of long tables around an elision row, escaped cells and configurable limits
// (Limits, DefaultLimits).
//
// The method names are the ones gophernotes looks for (HTML() string,
// Markdown() string), so a *Table displays itself in gophernotes, and
// solidarity.Show displays it in GoNB. Nothing here uses generics, which
// gophernotes' interpreter cannot import.
package display

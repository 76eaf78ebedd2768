// Package doccheck holds the test that the Go snippets of the how-to
// guides (docs/howto/*.md) and the README compile against the current
// API: each ```go block becomes the body of a function returning error,
// with the imports its package names need, and the lot is built with
// go build. Compiler errors point at the Markdown file and line.
package doccheck

// Package cmdutil holds what every verb of the solidarity command shares:
// the output streams, the input flags (--dataset, --edges, --nodes) and the
// error types that the root command maps to exit codes.
package cmdutil

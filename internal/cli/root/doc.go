// Package root dispatches the solidarity command's verbs and maps their
// errors to exit codes in one place.
package root

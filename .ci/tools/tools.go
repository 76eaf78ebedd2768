//go:build tools

// Package tools pins the notebook tool chain that .ci/notebooks.sh builds:
// the GoNB Jupyter kernel and goimports (which GoNB runs on every cell).
// `go install tool@version` cannot be used offline-ish in CI with a proxy
// that refuses @latest, so the exact versions live in this go.mod instead.
package tools

import (
	_ "github.com/janpfeifer/gonb"
	_ "golang.org/x/tools/cmd/goimports"
)

// Command gen regenerates the API reference in docs/api from the doc
// comments. Run it from the repository root:
//
//	go run ./internal/apidoc/gen
package main

import (
	"fmt"
	"os"

	"github.com/algosolidarity/toolkit/internal/apidoc"
)

func main() {
	if err := apidoc.Write("."); err != nil {
		fmt.Fprintln(os.Stderr, "apidoc:", err)
		os.Exit(1)
	}
}

package solidarity

import (
	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// Table is a titled table that prints as aligned text, shows as an HTML
// table in a notebook and renders as Markdown (see package display).
type Table = display.Table

// NewTable returns an empty table with a title and column names; add rows
// with AddRow, which formats numbers, NaN and Undefined values.
func NewTable(title string, columns ...string) *Table { return display.NewTable(title, columns...) }

// NewMatrix returns a table with a row and a column per label, the corner
// cell naming the rows: a mixing matrix, say.
func NewMatrix(title, corner string, rowLabels, colLabels []string, values [][]float64) *Table {
	return display.NewMatrix(title, corner, rowLabels, colLabels, values)
}

// Undefined is a table cell for a value that is not defined, with the
// reason: it shows as "NaN (1)" with the note "(1) reason".
type Undefined = display.Undefined

// HomophilySummary is every homophily index of an attribute with its
// uncertainty (see Homophily and package homophily).
type HomophilySummary = homophily.Summary

// Dataset describes a public data set of the registry: name, title,
// citation, licence, files (see package registry).
type Dataset = registry.Dataset

// Datasets lists the registry's data sets, for Load.
func Datasets() []Dataset { return registry.List() }

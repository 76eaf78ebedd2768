package duckdb

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Input names the edges (and optional nodes) files: one path or a glob
// ('edges/*.parquet'), Parquet or CSV, read by DuckDB straight from disk.
type Input struct {
	Edges string
	Nodes string // optional
	// Format is "parquet" or "csv" ("" = from the extension of Edges and
	// Nodes: .parquet/.pq are Parquet, anything else CSV with DuckDB's
	// dialect detection, .gz included).
	Format string
	// Undirected treats edges as undirected (the default is directed, as
	// for edge lists in the in-memory toolkit).
	Undirected bool
	// Columns names the source, target, weight and id columns (defaults
	// source, target, weight when present, id; Weight "-" ignores a weight
	// column).
	Columns network.Columns
	// Names gives the column names of CSV files without a header.
	Names []string
}

func (in Input) format(path string) (string, error) {
	f := strings.ToLower(in.Format)
	switch f {
	case "parquet", "csv":
		return f, nil
	case "":
	default:
		return "", fmt.Errorf("duckdb: format %q: want parquet or csv", in.Format)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".parquet", ".pq":
		return "parquet", nil
	}
	return "csv", nil
}

// reader returns the table function reading path.
func (in Input) reader(path string, names bool) (string, error) {
	f, err := in.format(path)
	if err != nil {
		return "", err
	}
	if f == "parquet" {
		return "read_parquet(" + quote(path) + ")", nil
	}
	if names && len(in.Names) > 0 {
		var q []string
		for _, n := range in.Names {
			q = append(q, quote(n))
		}
		return "read_csv(" + quote(path) + ", header = false, names = [" + strings.Join(q, ", ") + "])", nil
	}
	return "read_csv(" + quote(path) + ", header = true)", nil
}

// column is one column of a file's schema.
type column struct{ name, typ string }

// schema describes what reader yields.
func (d *DB) schema(ctx context.Context, what, reader string) ([]column, error) {
	var cols []column
	err := d.rows(ctx, "DESCRIBE SELECT * FROM "+reader, func(scan func(...any) error) error {
		var name, typ string
		var a, b, c, e any
		if err := scan(&name, &typ, &a, &b, &c, &e); err != nil {
			return err
		}
		cols = append(cols, column{name, typ})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("duckdb: reading %s: %w", what, err)
	}
	return cols, nil
}

func find(cols []column, name string) (column, bool) {
	for _, c := range cols {
		if c.name == name {
			return c, true
		}
	}
	return column{}, false
}

func names(cols []column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.name)
	}
	return out
}

func isStringType(t string) bool { return t == "VARCHAR" || strings.HasPrefix(t, "VARCHAR(") }

func isIntType(t string) bool {
	switch t {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT":
		return true
	}
	return false
}

func isFloatType(t string) bool {
	return t == "FLOAT" || t == "DOUBLE" || strings.HasPrefix(t, "DECIMAL")
}

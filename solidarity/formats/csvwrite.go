package formats

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/internal/atomicfile"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// WriteCSV writes the edges and (if any) nodes tables as CSV with a header.
// Numbers are written in the shortest form that reads back to the same
// value; nulls are empty fields; text is quoted where CSV needs it. Files
// are written to a temporary name and renamed, so a failure leaves nothing.
// Reading the files back with Read (NodesPath set to the nodes file, and
// Directed set, since CSV does not record direction) gives the same tables.
func WriteCSV(n *network.Network, edgesPath, nodesPath string) error {
	if n == nil || n.Edges() == nil {
		return fmt.Errorf("formats: WriteCSV: no network (nil or released)")
	}
	if err := writeCSVFile(n.Edges(), edgesPath); err != nil {
		return err
	}
	if n.Nodes() != nil && nodesPath != "" {
		if err := writeCSVFile(n.Nodes(), nodesPath); err != nil {
			os.Remove(edgesPath)
			return err
		}
	}
	return nil
}

func cellString(a arrow.Array, i int) string {
	if a.IsNull(i) {
		return ""
	}
	switch v := a.(type) {
	case *array.Int64:
		return strconv.FormatInt(v.Value(i), 10)
	case *array.Float64:
		return strconv.FormatFloat(v.Value(i), 'g', -1, 64)
	case *array.Float32:
		return strconv.FormatFloat(float64(v.Value(i)), 'g', -1, 32)
	case *array.String:
		return v.Value(i)
	case *array.LargeString:
		return v.Value(i)
	case *array.Boolean:
		return strconv.FormatBool(v.Value(i))
	}
	return a.ValueStr(i)
}

func writeCSVFile(rec arrow.RecordBatch, path string) (err error) {
	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	defer f.Abort()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	ncol := int(rec.NumCols())
	row := make([]string, ncol)
	for c := 0; c < ncol; c++ {
		row[c] = rec.ColumnName(c)
	}
	if err = w.Write(row); err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		for c := 0; c < ncol; c++ {
			row[c] = cellString(rec.Column(c), i)
		}
		if err = w.Write(row); err != nil {
			return fmt.Errorf("formats: writing %s: %w", path, err)
		}
	}
	w.Flush()
	if err = w.Error(); err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	if err = f.Commit(); err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	return nil
}

package events

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ReadParquet reads events from a Parquet file with the contract columns
// (see ReadCSV); opt.ActorsPath may name an actors table.
func ReadParquet(path string, opt Options) (*Events, error) {
	rec, err := readParquet(path, opt.mem())
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	return finish(rec, path, opt)
}

// Read reads events from CSV/TSV (optionally .gz) or Parquet, by extension.
func Read(path string, opt Options) (*Events, error) {
	if isParquet(path) {
		return ReadParquet(path, opt)
	}
	return ReadCSV(path, opt)
}

func readParquet(path string, mem memory.Allocator) (arrow.RecordBatch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer f.Close()
	tbl, err := pqarrow.ReadTable(context.Background(), f, parquet.NewReaderProperties(mem), pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		return nil, fmt.Errorf("events: %s: not a readable Parquet file: %w", filepath.Base(path), err)
	}
	defer tbl.Release()
	n := int(tbl.NumCols())
	arrs := make([]arrow.Array, 0, n)
	defer func() {
		for _, a := range arrs {
			a.Release()
		}
	}()
	for i := 0; i < n; i++ {
		chunks := tbl.Column(i).Data().Chunks()
		var a arrow.Array
		if len(chunks) == 1 {
			a = chunks[0]
			a.Retain()
		} else if len(chunks) == 0 {
			a = array.MakeArrayOfNull(mem, tbl.Column(i).DataType(), 0)
		} else {
			a, err = array.Concatenate(chunks, mem)
			if err != nil {
				return nil, fmt.Errorf("events: %s: column %q: %w", filepath.Base(path), tbl.Column(i).Name(), err)
			}
		}
		arrs = append(arrs, a)
	}
	return array.NewRecordBatch(tbl.Schema(), arrs, tbl.NumRows()), nil
}

// WriteParquet writes the events table (and nothing else) to path, through
// a temporary file renamed into place, so a failure leaves nothing behind.
func (e *Events) WriteParquet(path string) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".events-*.parquet")
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	defer os.Remove(tmp.Name())
	w, err := pqarrow.NewFileWriter(e.Table.Schema(), tmp, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps())
	if err != nil {
		tmp.Close()
		return fmt.Errorf("events: %w", err)
	}
	if err := w.Write(e.Table); err != nil {
		w.Close()
		return fmt.Errorf("events: writing %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		tmp.Close()
		return fmt.Errorf("events: writing %s: %w", path, err)
	}
	tmp.Close() // the Parquet writer may already have closed it
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return nil
}

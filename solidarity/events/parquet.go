package events

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ReadParquet reads events from a Parquet file with the contract columns
// (see ReadCSV); opt.ActorsPath may name an actors table.
func ReadParquet(path string, opt Options) (*Events, error) { return ReadCSV(path, opt) }

// Read reads events from CSV/TSV (optionally .gz or .zip) or Parquet, by
// content and extension (ReadCSV and ReadParquet are the same reader).
func Read(path string, opt Options) (*Events, error) { return ReadCSV(path, opt) }

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

package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// Config sets up the DuckDB engine.
type Config struct {
	// MemoryLimit caps DuckDB's memory ("2GB", "500MB"; "" = DuckDB's
	// default of 80% of RAM). Above it, joins, aggregations and temporary
	// tables spill to TempDir.
	MemoryLimit string
	// TempDir is where DuckDB spills ("" = a fresh directory under the
	// system's temporary directory, removed by Close).
	TempDir string
	// Threads is DuckDB's worker count (0 = one per CPU).
	Threads int
	// Progress, when not nil, is told each stage as it starts.
	Progress func(stage string)
}

// DB is one DuckDB engine, in memory with spilling to disk. Its methods
// run one at a time (they share temporary tables); Close removes the
// spill directory it made.
type DB struct {
	db       *sql.DB
	conn     *sql.Conn
	cfg      Config
	ownedTmp string
}

var sizeRe = regexp.MustCompile(`^\s*[0-9]+(\.[0-9]+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$`)

// Open starts an in-memory DuckDB with the limits of cfg.
func Open(cfg Config) (*DB, error) {
	if cfg.MemoryLimit != "" && !sizeRe.MatchString(cfg.MemoryLimit) {
		return nil, fmt.Errorf("duckdb: memory limit %q: want a size such as 2GB or 500MB", cfg.MemoryLimit)
	}
	if cfg.Threads < 0 {
		return nil, fmt.Errorf("duckdb: threads %d: want 0 (all CPUs) or more", cfg.Threads)
	}
	d := &DB{cfg: cfg}
	tmp := cfg.TempDir
	if tmp == "" {
		var err error
		tmp, err = os.MkdirTemp("", "solidarity-duckdb-")
		if err != nil {
			return nil, fmt.Errorf("duckdb: spill directory: %w", err)
		}
		d.ownedTmp = tmp
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		d.cleanup()
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	d.db = db
	d.conn, err = db.Conn(context.Background())
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	settings := []string{
		"SET temp_directory = " + quote(filepath.Clean(tmp)),
		// Order of rows never matters here; dropping it lets DuckDB stream.
		"SET preserve_insertion_order = false",
	}
	if cfg.MemoryLimit != "" {
		settings = append(settings, "SET memory_limit = "+quote(strings.TrimSpace(cfg.MemoryLimit)))
	}
	if cfg.Threads > 0 {
		settings = append(settings, fmt.Sprintf("SET threads = %d", cfg.Threads))
	}
	for _, s := range settings {
		if _, err := d.conn.ExecContext(context.Background(), s); err != nil {
			d.Close()
			return nil, fmt.Errorf("duckdb: %s: %w", s, err)
		}
	}
	return d, nil
}

// Close releases the engine and removes the spill directory Open made.
func (d *DB) Close() error {
	var errs []error
	if d.conn != nil {
		errs = append(errs, d.conn.Close())
	}
	if d.db != nil {
		errs = append(errs, d.db.Close())
	}
	d.cleanup()
	return errors.Join(errs...)
}

func (d *DB) cleanup() {
	if d.ownedTmp != "" {
		os.RemoveAll(d.ownedTmp)
		d.ownedTmp = ""
	}
}

// Setting returns the current value of a DuckDB setting (for example
// "memory_limit"), for reports and tests.
func (d *DB) Setting(ctx context.Context, name string) (string, error) {
	var v string
	err := d.conn.QueryRowContext(ctx, "SELECT current_setting("+quote(name)+")::VARCHAR").Scan(&v)
	return v, err
}

func (d *DB) stage(s string) {
	if d.cfg.Progress != nil {
		d.cfg.Progress(s)
	}
}

func (d *DB) exec(ctx context.Context, q string, args ...any) error {
	if _, err := d.conn.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("duckdb: %w", err)
	}
	return nil
}

// rows runs q and calls f for each row with the scanned values.
func (d *DB) rows(ctx context.Context, q string, f func(scan func(dest ...any) error) error) error {
	rs, err := d.conn.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("duckdb: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		if err := f(rs.Scan); err != nil {
			return err
		}
	}
	if err := rs.Err(); err != nil {
		return fmt.Errorf("duckdb: %w", err)
	}
	return nil
}

// quote makes a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// kindsWhere is the WHERE clause keeping the events whose kind column is
// one of kinds (compared as text, as the in-memory readers compare them),
// or "" to keep every event.
func kindsWhere(kindCol string, kinds []string) string {
	if len(kinds) == 0 {
		return ""
	}
	q := make([]string, len(kinds))
	for i, k := range kinds {
		q[i] = quote(k)
	}
	return " WHERE CAST(" + ident(kindCol) + " AS VARCHAR) IN (" + strings.Join(q, ", ") + ")"
}

// ident makes a SQL identifier.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Exec runs one SQL statement on the engine (to write Parquet with COPY,
// say, or to set a DuckDB option); the analyses do not need it.
func (d *DB) Exec(ctx context.Context, query string) error { return d.exec(ctx, query) }

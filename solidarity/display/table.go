package display

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits bound what a table shows. A zero field takes the value of
// DefaultLimits; a negative field means no limit.
type Limits struct {
	// MaxRows is the number of data rows shown. A longer table shows its
	// first ceil(MaxRows/2) and last floor(MaxRows/2) rows around an
	// elision row ("…").
	MaxRows int
	// MaxCols is the number of columns shown; wider tables show the first
	// and last columns around an elision column, as for rows.
	MaxCols int
	// MaxCellWidth is the longest cell, in characters (runes); longer cells
	// are cut and end in "…".
	MaxCellWidth int
	// FloatDigits is the number of significant digits of floating-point
	// cells, applied when the cell is added.
	FloatDigits int
}

// DefaultLimits are the limits of tables whose Limits fields are zero.
// Notebooks may change them once, as polars' pl.Config does.
var DefaultLimits = Limits{MaxRows: 10, MaxCols: 12, MaxCellWidth: 60, FloatDigits: 6}

// Ellipsis marks elided rows, columns and the end of cut cells.
const Ellipsis = "…"

// Null is how a missing cell (nil, Arrow null, gota NA) is shown.
const Null = "null"

func (l Limits) resolve() Limits {
	pick := func(v, d int) int {
		if v == 0 {
			return d
		}
		return v
	}
	return Limits{
		MaxRows:      pick(l.MaxRows, DefaultLimits.MaxRows),
		MaxCols:      pick(l.MaxCols, DefaultLimits.MaxCols),
		MaxCellWidth: pick(l.MaxCellWidth, DefaultLimits.MaxCellWidth),
		FloatDigits:  pick(l.FloatDigits, DefaultLimits.FloatDigits),
	}
}

// Table is a titled table of text cells that renders as aligned text
// (String), HTML and Markdown. Build one with NewTable and AddRow, or
// convert data with FromRecordBatch, FromDataFrame or NewMatrix; the fields
// may also be filled directly.
//
// Columns of numbers (a numeric type in Types, or, without types, every
// non-null cell parsing as a number) are right-aligned, others left-aligned.
type Table struct {
	Title   string
	Columns []string
	// Types holds one short type name per column ("i64", "f64", "str",
	// "bool", ...), shown under the header; nil or all empty hides the row.
	Types []string
	// Rows holds the cells, row by row; a short row is padded with empty
	// cells.
	Rows [][]string
	// Notes are lines shown under the table (sources, reasons for NaN).
	Notes []string
	// ShowShape prints "shape: (rows, columns)" above the table; it is
	// always printed when rows or columns are elided.
	ShowShape bool
	Limits    Limits

	// gapAt and gapLen record rows left out when the table was converted
	// (only the head and tail of a long record batch or frame are kept):
	// gapLen rows sit between Rows[gapAt-1] and Rows[gapAt].
	gapAt, gapLen int

	// reasons are the distinct reasons of Undefined cells, numbered from 1
	// in the order met.
	reasons []string
}

// NewTableMaxRows is the row limit of tables made by NewTable and
// NewMatrix: statistics are read whole, so they elide only when long.
// Tables converted from data (FromRecordBatch, FromDataFrame) follow
// DefaultLimits.MaxRows, as polars does.
const NewTableMaxRows = 50

// NewTable returns an empty table with the given title and column names,
// showing up to NewTableMaxRows rows before eliding.
func NewTable(title string, columns ...string) *Table {
	return &Table{Title: title, Columns: columns, Limits: Limits{MaxRows: NewTableMaxRows}}
}

// AddRow appends a row of cells, formatting each value: nil as "null",
// strings as they are, integers in base 10, floats with Limits.FloatDigits
// significant digits (integral values without a decimal point, NaN as
// "NaN"), booleans as true/false, errors by their message and anything else
// through fmt. The first row's Go types set Types when Types is nil; later
// rows widen them (i64 and f64 make f64, other mixtures "mixed").
// It returns t so calls can be chained.
func (t *Table) AddRow(cells ...any) *Table {
	digits := t.Limits.resolve().FloatDigits
	row := make([]string, len(cells))
	types := make([]string, len(cells))
	for i, c := range cells {
		if reason, ok := undefinedReason(c); ok {
			row[i], types[i] = t.undefined(reason), "null"
			continue
		}
		row[i], types[i] = formatCell(c, digits)
	}
	if t.Types == nil && len(t.Rows) == 0 {
		t.Types = types
	} else if len(t.Types) == len(types) {
		for i, ty := range t.Types {
			t.Types[i] = mergeType(ty, types[i])
		}
	}
	t.Rows = append(t.Rows, row)
	return t
}

// mergeType is the type of a column holding values of types a and b:
// null gives way to anything, integers and floats make a float column, and
// other mixtures are "mixed" (shown left-aligned, as text).
func mergeType(a, b string) string {
	switch {
	case a == b || b == "null" || a == "mixed":
		return a
	case a == "null":
		return b
	case numericTypes[a] && numericTypes[b] && (a[0] == 'f' || b[0] == 'f'):
		return "f64"
	case numericTypes[a] && numericTypes[b]:
		return "i64"
	}
	return "mixed"
}

// Undefined is a cell for a value that is mathematically undefined (no
// edges, one group, zero variance), with the reason. AddRow shows it as
// "NaN" with a numbered marker, "NaN (1)", and adds the note "(1) reason"
// once per distinct reason, so a reader of the table sees why.
type Undefined struct{ Reason string }

// Reasoned is what AddRow asks of a cell to show it as undefined: a value
// that knows whether it is defined and, when it is not, why (for example a
// number type that carries NaN with a reason). A defined Reasoned value is
// shown as any other value.
type Reasoned interface {
	// UndefinedReason returns the reason and true when the value is
	// undefined, and "", false otherwise.
	UndefinedReason() (string, bool)
}

func undefinedReason(c any) (string, bool) {
	switch v := c.(type) {
	case Undefined:
		return v.Reason, true
	case *Undefined:
		if v != nil {
			return v.Reason, true
		}
	case Reasoned:
		return v.UndefinedReason()
	}
	return "", false
}

// undefined returns the cell text of an undefined value and records its
// reason as a numbered note.
func (t *Table) undefined(reason string) string {
	if reason == "" {
		return "NaN"
	}
	for i, r := range t.reasons {
		if r == reason {
			return fmt.Sprintf("NaN (%d)", i+1)
		}
	}
	t.reasons = append(t.reasons, reason)
	k := len(t.reasons)
	t.Notes = append(t.Notes, fmt.Sprintf("(%d) %s", k, reason))
	return fmt.Sprintf("NaN (%d)", k)
}

// isNaNCell reports whether a cell shows NaN, with or without a reason
// marker.
func isNaNCell(s string) bool { return s == "NaN" || strings.HasPrefix(s, "NaN (") }

// NumRows is the number of data rows the table stands for, including rows
// left out at conversion.
func (t *Table) NumRows() int { return len(t.Rows) + t.gapLen }

// NumCols is the number of columns.
func (t *Table) NumCols() int {
	n := len(t.Columns)
	for _, r := range t.Rows {
		if len(r) > n {
			n = len(r)
		}
	}
	return n
}

// NewMatrix returns a table with one row per row label and one column per
// column label, the corner cell naming what the rows are; values are shown
// as integers when integral (counts) and with DefaultLimits.FloatDigits
// significant digits otherwise. It suits mixing matrices.
func NewMatrix(title, corner string, rowLabels, colLabels []string, values [][]float64) *Table {
	t := &Table{Title: title, Columns: append([]string{corner}, colLabels...), Limits: Limits{MaxRows: NewTableMaxRows}}
	digits := DefaultLimits.FloatDigits
	for i, l := range rowLabels {
		row := make([]string, len(t.Columns))
		row[0] = l
		if i < len(values) {
			for j := range colLabels {
				if j < len(values[i]) {
					row[j+1] = FormatFloat(values[i][j], digits)
				}
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// FormatFloat writes f with the given number of significant digits, as an
// integer when f is integral and below 1e15 in magnitude, "NaN", "+Inf" or
// "-Inf" otherwise as strconv does.
func FormatFloat(f float64, digits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	if digits <= 0 {
		digits = -1
	}
	return strconv.FormatFloat(f, 'g', digits, 64)
}

func formatCell(c any, digits int) (string, string) {
	switch v := c.(type) {
	case nil:
		return Null, "null"
	case string:
		return v, "str"
	case bool:
		return strconv.FormatBool(v), "bool"
	case int:
		return strconv.FormatInt(int64(v), 10), "i64"
	case int8:
		return strconv.FormatInt(int64(v), 10), "i8"
	case int16:
		return strconv.FormatInt(int64(v), 10), "i16"
	case int32:
		return strconv.FormatInt(int64(v), 10), "i32"
	case int64:
		return strconv.FormatInt(v, 10), "i64"
	case uint:
		return strconv.FormatUint(uint64(v), 10), "u64"
	case uint8:
		return strconv.FormatUint(uint64(v), 10), "u8"
	case uint16:
		return strconv.FormatUint(uint64(v), 10), "u16"
	case uint32:
		return strconv.FormatUint(uint64(v), 10), "u32"
	case uint64:
		return strconv.FormatUint(v, 10), "u64"
	case float32:
		return FormatFloat(float64(v), digits), "f32"
	case float64:
		return FormatFloat(v, digits), "f64"
	case error:
		return v.Error(), "str"
	case fmt.Stringer:
		return v.String(), "str"
	}
	// Named numeric and text types (type Number float64, ...) by kind.
	switch rv := reflect.ValueOf(c); rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return FormatFloat(rv.Float(), digits), "f64"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), "i64"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10), "u64"
	case reflect.String:
		return rv.String(), "str"
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool()), "bool"
	}
	return fmt.Sprint(c), "str"
}

var numericTypes = map[string]bool{
	"i8": true, "i16": true, "i32": true, "i64": true,
	"u8": true, "u16": true, "u32": true, "u64": true,
	"f16": true, "f32": true, "f64": true,
	"int": true, "float": true, // gota's names
}

// numeric reports, per column, whether it holds numbers.
func (t *Table) numeric(ncol int) []bool {
	out := make([]bool, ncol)
	for j := range out {
		if j < len(t.Types) && t.Types[j] != "" && t.Types[j] != "null" {
			out[j] = numericTypes[t.Types[j]]
			continue
		}
		seen := false
		ok := true
		for _, r := range t.Rows {
			if j >= len(r) || r[j] == "" || r[j] == Null || isNaNCell(r[j]) {
				continue
			}
			if _, err := strconv.ParseFloat(r[j], 64); err != nil {
				ok = false
				break
			}
			seen = true
		}
		out[j] = ok && seen
	}
	return out
}

var floatTypes = map[string]bool{"f16": true, "f32": true, "f64": true, "float": true}

// maxPadDecimals bounds the decimals a float column is padded to: past it
// (tiny values written with many zeros) the cells keep their own digits.
const maxPadDecimals = 6

// decimals returns, per column, the number of decimals to pad the cells of
// a float column (typed f16/f32/f64 or gota's float) to, so decimal points
// line up and a column reads at one precision: 0.5 and 0.8214 show as
// 0.5000 and 0.8214. It is 0 (no padding) for other columns, for columns
// holding a value in exponent notation, and past maxPadDecimals.
func (t *Table) decimals(ncol int) []int {
	out := make([]int, ncol)
	digits := t.Limits.resolve().FloatDigits
	for j := range out {
		if j >= len(t.Types) || !floatTypes[t.Types[j]] {
			continue
		}
		d := 0
		for _, r := range t.Rows {
			if j >= len(r) {
				continue
			}
			c := r[j]
			if strings.ContainsAny(c, "eE") && !isNaNCell(c) && !strings.HasSuffix(c, "Inf") {
				d = -1
				break
			}
			if k := strings.IndexByte(c, '.'); k >= 0 && len(c)-k-1 > d {
				d = len(c) - k - 1
			}
		}
		// A cell cut to FloatDigits significant digits with fewer decimals
		// than d was rounded: zeros would claim digits it does not have
		// (6249.875 shown as 6249.88 must not become 6249.880).
		for _, r := range t.Rows {
			if d <= 0 || j >= len(r) {
				break
			}
			if k := strings.IndexByte(r[j], '.'); k >= 0 && len(r[j])-k-1 < d && significant(r[j]) >= digits {
				d = 0
			}
		}
		if d > 0 && d <= maxPadDecimals {
			out[j] = d
		}
	}
	return out
}

// significant counts the significant digits of a plain decimal number.
func significant(c string) int {
	n, leading := 0, true
	for _, r := range c {
		switch {
		case r < '0' || r > '9':
		case r == '0' && leading:
		default:
			leading = false
			n++
		}
	}
	return n
}

// padDecimals writes c with d decimals by adding zeros, leaving cells that
// are not plain decimal numbers (NaN, Inf, null, text) as they are.
func padDecimals(c string, d int) string {
	if d <= 0 || c == "" {
		return c
	}
	if _, err := strconv.ParseFloat(c, 64); err != nil || strings.ContainsAny(c, "eEnN") {
		return c
	}
	k := strings.IndexByte(c, '.')
	if k < 0 {
		return c + "." + strings.Repeat("0", d)
	}
	return c + strings.Repeat("0", d-(len(c)-k-1))
}

func (t *Table) hasTypes() bool {
	for _, ty := range t.Types {
		if ty != "" {
			return true
		}
	}
	return false
}

// pick returns the positions to show out of n under limit max: nil means
// all, otherwise indices with -1 marking the elision.
func pick(n, max int) []int {
	if max < 0 || n <= max {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	head := (max + 1) / 2
	tail := max / 2
	out := make([]int, 0, max+1)
	for i := 0; i < head; i++ {
		out = append(out, i)
	}
	out = append(out, -1)
	for i := n - tail; i < n; i++ {
		out = append(out, i)
	}
	return out
}

// layout is what a renderer draws: headers, types and rows of cut cells,
// with Ellipsis cells where rows or columns were elided.
type layout struct {
	title   string
	shape   string // empty when not shown
	headers []string
	types   []string // nil when hidden
	rows    [][]string
	numeric []bool
	notes   []string
}

func (t *Table) layout() layout {
	lim := t.Limits.resolve()
	ncol := t.NumCols()
	nrow := t.NumRows()
	numeric := t.numeric(ncol)
	decimals := t.decimals(ncol)
	cut := func(s string) string {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		if lim.MaxCellWidth > 0 && utf8.RuneCountInString(s) > lim.MaxCellWidth {
			r := []rune(s)
			keep := lim.MaxCellWidth - 1
			if keep < 0 {
				keep = 0
			}
			return string(r[:keep]) + Ellipsis
		}
		return s
	}
	cols := pick(ncol, lim.MaxCols)
	rowsIdx := pick(nrow, lim.MaxRows)
	// Rows left out at conversion become part of the elision.
	var shown []int
	for _, i := range rowsIdx {
		if i >= 0 && i >= t.gapAt && i < t.gapAt+t.gapLen {
			i = -1
		}
		if i == -1 && len(shown) > 0 && shown[len(shown)-1] == -1 {
			continue
		}
		shown = append(shown, i)
	}
	elided := len(cols) != ncol
	for _, i := range shown {
		if i == -1 {
			elided = true
		}
	}
	l := layout{title: t.Title, notes: t.Notes}
	if t.ShowShape || elided {
		l.shape = fmt.Sprintf("shape: (%d, %d)", nrow, ncol)
	}
	at := func(r []string, j int) string {
		if j < len(r) {
			return r[j]
		}
		return ""
	}
	for _, j := range cols {
		if j == -1 {
			l.headers = append(l.headers, Ellipsis)
			l.numeric = append(l.numeric, false)
			continue
		}
		l.headers = append(l.headers, cut(at(t.Columns, j)))
		l.numeric = append(l.numeric, numeric[j])
	}
	if t.hasTypes() {
		for _, j := range cols {
			if j == -1 {
				l.types = append(l.types, Ellipsis)
			} else {
				l.types = append(l.types, at(t.Types, j))
			}
		}
	}
	for _, i := range shown {
		row := make([]string, len(cols))
		for k, j := range cols {
			switch {
			case i == -1 || j == -1:
				row[k] = Ellipsis
			default:
				src := i
				if i >= t.gapAt+t.gapLen {
					src = i - t.gapLen
				}
				row[k] = cut(padDecimals(at(t.Rows[src], j), decimals[j]))
			}
		}
		l.rows = append(l.rows, row)
	}
	return l
}

// Value returns x as a cell, or an Undefined cell with reason when x is
// NaN and reason is not empty: results keep one Reason for all their
// undefined numbers, and a table shows it next to each.
func Value(x float64, reason string) any {
	if math.IsNaN(x) && reason != "" {
		return Undefined{Reason: reason}
	}
	return x
}

// Interval writes a confidence interval as "[lo, hi]" with digits
// significant digits.
func Interval(lo, hi float64, digits int) string {
	return "[" + FormatFloat(lo, digits) + ", " + FormatFloat(hi, digits) + "]"
}

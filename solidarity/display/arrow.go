package display

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// keepRows is how many rows of a long record batch or frame a converted
// table keeps: the first and last keepRows/2, enough for any MaxRows up to
// keepRows; the rows between are only counted.
const keepRows = 1000

// keptRows returns the row positions a converted table keeps out of n and
// where the gap starts.
func keptRows(n int) (rows []int, gapAt, gapLen int) {
	if n <= keepRows {
		rows = make([]int, n)
		for i := range rows {
			rows[i] = i
		}
		return rows, 0, 0
	}
	half := keepRows / 2
	for i := 0; i < half; i++ {
		rows = append(rows, i)
	}
	for i := n - half; i < n; i++ {
		rows = append(rows, i)
	}
	return rows, half, n - 2*half
}

// FromRows returns a table of n rows produced by row(i) (cells formatted as
// AddRow does), calling row only for the rows a table keeps: all of them up
// to 1000, the first and last 500 of a longer one. It suits results held as
// Go slices, which need no copy to show their head and tail.
func FromRows(title string, columns []string, n int, row func(i int) []any) *Table {
	t := &Table{Title: title, Columns: columns, ShowShape: true}
	rows, gapAt, gapLen := keptRows(n)
	for _, i := range rows {
		t.AddRow(row(i)...)
	}
	t.gapAt, t.gapLen = gapAt, gapLen
	return t
}

// FromRecordBatch returns a table of an Arrow record batch (such as a
// Network's edges or nodes table): its field names, short type names
// ("i64", "f64", "str", "bool", "cat" for dictionaries, Arrow's own name
// otherwise), nulls as "null", and the shape line. The cells are copied, so
// the table does not hold on to rec and rec may be released. Of a batch
// longer than 1000 rows, only the first and last 500 are copied.
// A nil batch gives an empty table.
func FromRecordBatch(title string, rec arrow.RecordBatch) *Table {
	if rec == nil {
		return &Table{Title: title, ShowShape: true}
	}
	// One chunk per column: FromArrowTable's walk is the same code.
	tbl := array.NewTableFromRecords(rec.Schema(), []arrow.RecordBatch{rec})
	defer tbl.Release()
	return FromArrowTable(title, tbl)
}

// FromArrowTable returns a table of an Arrow table (columns in chunks), as
// FromRecordBatch does for a record batch: only the first and last 500 rows
// of a longer table are copied. A nil table gives an empty table.
func FromArrowTable(title string, tbl arrow.Table) *Table {
	t := &Table{Title: title, ShowShape: true}
	if tbl == nil {
		return t
	}
	schema := tbl.Schema()
	ncol := int(tbl.NumCols())
	digits := DefaultLimits.FloatDigits
	rows, gapAt, gapLen := keptRows(int(tbl.NumRows()))
	t.gapAt, t.gapLen = gapAt, gapLen
	t.Rows = make([][]string, len(rows))
	for k := range t.Rows {
		t.Rows[k] = make([]string, ncol)
	}
	for j := 0; j < ncol; j++ {
		f := schema.Field(j)
		t.Columns = append(t.Columns, f.Name)
		t.Types = append(t.Types, arrowTypeName(f.Type))
		chunks := tbl.Column(j).Data().Chunks()
		c, start := 0, 0 // rows are increasing: walk the chunks once
		for k, i := range rows {
			for c < len(chunks) && i >= start+chunks[c].Len() {
				start += chunks[c].Len()
				c++
			}
			if c < len(chunks) {
				t.Rows[k][j] = arrowCell(chunks[c], i-start, digits)
			}
		}
	}
	return t
}

// arrowTypeName gives polars-like short names for common Arrow types.
func arrowTypeName(dt arrow.DataType) string {
	switch dt.ID() {
	case arrow.INT8:
		return "i8"
	case arrow.INT16:
		return "i16"
	case arrow.INT32:
		return "i32"
	case arrow.INT64:
		return "i64"
	case arrow.UINT8:
		return "u8"
	case arrow.UINT16:
		return "u16"
	case arrow.UINT32:
		return "u32"
	case arrow.UINT64:
		return "u64"
	case arrow.FLOAT16:
		return "f16"
	case arrow.FLOAT32:
		return "f32"
	case arrow.FLOAT64:
		return "f64"
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return "str"
	case arrow.BOOL:
		return "bool"
	case arrow.DICTIONARY:
		return "cat"
	case arrow.NULL:
		return "null"
	}
	return dt.String()
}

func arrowCell(col arrow.Array, i int, digits int) string {
	if col.IsNull(i) {
		return Null
	}
	switch a := col.(type) {
	case *array.Float64:
		return FormatFloat(a.Value(i), digits)
	case *array.Float32:
		return FormatFloat(float64(a.Value(i)), digits)
	case *array.String:
		return a.Value(i)
	case *array.LargeString:
		return a.Value(i)
	case *array.Int64:
		return strconv.FormatInt(a.Value(i), 10)
	case *array.Int32:
		return strconv.FormatInt(int64(a.Value(i)), 10)
	case *array.Dictionary:
		return arrowCell(a.Dictionary(), a.GetValueIndex(i), digits)
	}
	return col.ValueStr(i)
}

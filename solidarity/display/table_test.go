package display

import (
	"image"
	"math"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// numbered returns a one-column table with rows 0..n-1.
func numbered(n int) *Table {
	t := NewTable("", "i")
	for i := 0; i < n; i++ {
		t.AddRow(i)
	}
	return t
}

func TestStringAlignment(t *testing.T) {
	tb := NewTable("", "name", "count")
	tb.AddRow("a", 5)
	tb.AddRow("longer name", 12345)
	tb.AddRow(nil, nil)
	// Hand-written: text left-aligned, numbers right-aligned, two spaces apart.
	want := "" +
		"name         count\n" +
		"───────────  ─────\n" +
		"a                5\n" +
		"longer name  12345\n" +
		"null          null\n"
	if got := tb.String(); got != want {
		t.Errorf("String:\n%s\nwant:\n%s", got, want)
	}
}

func TestStringInfersNumericWithoutTypes(t *testing.T) {
	tb := &Table{Columns: []string{"k", "v"}, Rows: [][]string{{"x", "1.5"}, {"yy", "10"}, {"z", "NaN"}}}
	want := "" +
		"k     v\n" +
		"──  ───\n" +
		"x   1.5\n" +
		"yy   10\n" +
		"z   NaN\n"
	if got := tb.String(); got != want {
		t.Errorf("String:\n%s\nwant:\n%s", got, want)
	}
}

func TestRowElision(t *testing.T) {
	tb := numbered(25)
	tb.Limits.MaxRows = 5 // head 3, tail 2
	want := "" +
		"shape: (25, 1)\n" +
		" i\n" +
		"──\n" +
		" 0\n" +
		" 1\n" +
		" 2\n" +
		" …\n" +
		"23\n" +
		"24\n"
	if got := tb.String(); got != want {
		t.Errorf("String:\n%s\nwant:\n%s", got, want)
	}
	h := tb.HTML()
	if n := strings.Count(h[strings.Index(h, "<tbody>"):], "<tr>"); n != 6 {
		t.Errorf("HTML has %d body rows, want 6 (5 rows + elision):\n%s", n, h)
	}
	if !strings.Contains(h, "<small>shape: (25, 1)</small>") || !strings.Contains(h, "&hellip;") {
		t.Errorf("HTML misses shape line or elision:\n%s", h)
	}
	tb.Limits.MaxRows = -1 // no limit
	if got := strings.Count(tb.String(), "\n"); got != 2+25 {
		t.Errorf("unlimited: %d lines, want 27", got)
	}
	tb.Limits.MaxRows = 25 // exactly fits: no elision, no shape line
	if s := tb.String(); strings.Contains(s, Ellipsis) || strings.Contains(s, "shape") {
		t.Errorf("25 rows within MaxRows 25 elided:\n%s", s)
	}
}

func TestColumnElisionAndCellCut(t *testing.T) {
	tb := NewTable("", "a", "b", "c", "d", "e")
	tb.AddRow("abcdefghij", 2, 3, 4, 5)
	tb.Limits = Limits{MaxCols: 3, MaxCellWidth: 4}
	want := "" +
		"shape: (1, 5)\n" +
		"a     b  …  e\n" +
		"────  ─  ─  ─\n" +
		"abc…  2  …  5\n"
	if got := tb.String(); got != want {
		t.Errorf("String:\n%s\nwant:\n%s", got, want)
	}
}

func TestHTMLEscapes(t *testing.T) {
	tb := NewTable(`<script>alert("t")</script>`, "a<b", "x&y")
	tb.AddRow(`<img src=x onerror="1">`, "O'Neil & co")
	tb.Notes = []string{"<note>"}
	h := tb.HTML()
	for _, bad := range []string{"<script>", "<img", "<note>", "a<b", "x&y<"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains unescaped %q:\n%s", bad, h)
		}
	}
	for _, good := range []string{
		"&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;",
		"<th class=\"str\">a&lt;b</th>",
		"<td class=\"str\">&lt;img src=x onerror=&#34;1&#34;&gt;</td>",
		"O&#39;Neil &amp; co",
		"<small>&lt;note&gt;</small>",
	} {
		if !strings.Contains(h, good) {
			t.Errorf("HTML lacks %q:\n%s", good, h)
		}
	}
}

func TestHTMLStructure(t *testing.T) {
	tb := NewTable("T", "k", "v")
	tb.AddRow("a", 1.5)
	h := tb.HTML()
	want := `<strong>T</strong><br>
<table border="1" class="dataframe solidarity-table">
<thead>
<tr><th class="str">k</th><th class="num">v</th></tr>
<tr class="types"><td class="str">str</td><td class="num">f64</td></tr>
</thead>
<tbody>
<tr><td class="str">a</td><td class="num">1.5</td></tr>
</tbody>
</table>
</div>`
	if !strings.HasPrefix(h, "<div><style>") || !strings.HasSuffix(h, want) {
		t.Errorf("HTML:\n%s\nwant suffix:\n%s", h, want)
	}
}

func TestMarkdownEscapesAndElides(t *testing.T) {
	tb := NewTable("a|b", "col|1", "n")
	tb.AddRow("x*y_z <b> [l](u) `c`\nnext", 1)
	tb.AddRow("p", 2)
	tb.AddRow("q", 3)
	tb.Limits.MaxRows = 2
	want := "" +
		"**a\\|b**\n" +
		"\n" +
		"| col\\|1 | n |\n" +
		"|:---|---:|\n" +
		"| x\\*y\\_z &lt;b&gt; \\[l\\](u) \\`c\\`<br>next | 1 |\n" +
		"| … | … |\n" +
		"| q | 3 |\n" +
		"\n" +
		"*shape: (3, 2)*\n"
	if got := tb.Markdown(); got != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestFormatFloat(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0.8213620, "0.821362"}, {1e6, "1000000"}, {-3, "-3"}, {1e20, "1e+20"},
		{math.NaN(), "NaN"}, {math.Inf(1), "+Inf"}, {math.Inf(-1), "-Inf"},
		{1.23456789e-7, "1.23457e-07"},
	} {
		if got := FormatFloat(c.f, 6); got != c.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", c.f, got, c.want)
		}
	}
}

func TestEmptyTable(t *testing.T) {
	tb := NewTable("empty", "a")
	if got, want := tb.String(), "empty\na\n─\n"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if !strings.Contains(tb.HTML(), "<tbody>\n</tbody>") {
		t.Errorf("HTML of empty table: %s", tb.HTML())
	}
	var none Table
	_ = none.String() + none.HTML() + none.Markdown() // no panic on the zero value
}

func TestFromRecordBatch(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "leaning", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "score", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	n := 2500
	for i := 0; i < n; i++ {
		b.Field(0).(*array.Int64Builder).Append(int64(i))
		if i == 1 {
			b.Field(1).AppendNull()
			b.Field(2).(*array.Float64Builder).Append(math.NaN())
		} else {
			b.Field(1).(*array.StringBuilder).Append("<lib>")
			b.Field(2).(*array.Float64Builder).Append(float64(i) / 4)
		}
	}
	rec := b.NewRecordBatch()
	tb := FromRecordBatch("nodes", rec)
	rec.Release() // the table copied what it shows
	if tb.NumRows() != n || tb.NumCols() != 3 || len(tb.Rows) != keepRows {
		t.Fatalf("rows %d (kept %d), cols %d; want %d (kept %d), 3", tb.NumRows(), len(tb.Rows), tb.NumCols(), n, keepRows)
	}
	tb.Limits.MaxRows = 4
	want := "" +
		"nodes\n" +
		"shape: (2500, 3)\n" +
		"  id  leaning   score\n" +
		"────  ───────  ──────\n" +
		"   0  <lib>      0.00\n" +
		"   1  null        NaN\n" +
		"   …  …             …\n" +
		"2498  <lib>    624.50\n" +
		"2499  <lib>    624.75\n"
	if got := tb.String(); got != want {
		t.Errorf("String:\n%s\nwant:\n%s", got, want)
	}
	// Rows between the kept head and tail are elided even when the limit
	// would show them.
	tb.Limits.MaxRows = -1
	if got := strings.Count(tb.String(), Ellipsis); got != 3 {
		t.Errorf("unlimited view of a 2500-row batch has %d ellipses, want one row of 3", got)
	}
	if h := tb.HTML(); !strings.Contains(h, "&lt;lib&gt;") || !strings.Contains(h, "<small>shape: (2500, 3)</small>") {
		t.Errorf("HTML not escaped or no shape:\n%.400s", h)
	}
	if FromRecordBatch("nil", nil).String() != "nil\nshape: (0, 0)\n\n\n" {
		t.Errorf("nil batch: %q", FromRecordBatch("nil", nil).String())
	}
}

func TestFromDataFrame(t *testing.T) {
	df := dataframe.New(
		series.New([]string{"a", "b", "c"}, series.String, "name"),
		series.New([]int{1, 2, 3}, series.Int, "n"),
		series.New([]float64{0.5, math.NaN(), 2}, series.Float, "x"),
	)
	tb := FromDataFrame("frame", df)
	want := "" +
		"frame\n" +
		"shape: (3, 3)\n" +
		"name  n     x\n" +
		"────  ─  ────\n" +
		"a     1   0.5\n" +
		"b     2  null\n" +
		"c     3   2.0\n"
	if got := tb.String(); got != want {
		t.Errorf("String:\n%s\nwant:\n%s", got, want)
	}
	bad := dataframe.DataFrame{Err: errTest("broken")}
	if s := FromDataFrame("bad", bad).String(); !strings.Contains(s, "broken") {
		t.Errorf("frame error not shown: %q", s)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

type fakeFigure struct {
	png []byte
	svg string
	err error
}

func (f fakeFigure) PNG() []byte { return f.png }
func (f fakeFigure) SVG() string { return f.svg }
func (f fakeFigure) Bytes(string) ([]byte, error) {
	return f.png, f.err
}

func TestNewBundle(t *testing.T) {
	if NewBundle(nil) != nil {
		t.Error("nil value gave a bundle")
	}
	tb := NewTable("t", "a")
	tb.AddRow(1)
	b := NewBundle(tb)
	if b[MIMEHTML] != tb.HTML() || b[MIMEMarkdown] != nil || b[MIMEPlain] != tb.String() {
		t.Errorf("table bundle: %v", b)
	}
	b = NewBundle(fakeFigure{png: []byte{0x89, 'P'}, svg: "<svg/>"})
	if _, ok := b[MIMEPNG]; !ok || b[MIMEHTML] != nil || b[MIMEPlain] != "<display.fakeFigure>" {
		t.Errorf("figure with PNG: %v", b)
	}
	b = NewBundle(fakeFigure{svg: "<svg/>"})
	if b[MIMEHTML] != "<div><svg/></div>" {
		t.Errorf("SVG-only figure: %v", b)
	}
	b = NewBundle(fakeFigure{err: errTest("no data")})
	if b[MIMEPlain] != "display: cannot render figure: no data" || len(b) != 1 {
		t.Errorf("broken figure: %v", b)
	}
	if b = NewBundle(errTest("boom")); b[MIMEPlain] != "error: boom" {
		t.Errorf("error: %v", b)
	}
	if b = NewBundle(42); b[MIMEPlain] != "42" || len(b) != 1 {
		t.Errorf("int: %v", b)
	}
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	if b = NewBundle(img); len(b[MIMEPNG].([]byte)) == 0 {
		t.Errorf("image: %v", b)
	}
}

type number float64

func TestNamedTypes(t *testing.T) {
	tb := NewTable("", "a", "b", "c")
	tb.AddRow(number(0.636381553), myInt(7), myString("x"))
	if got, want := strings.Join(tb.Rows[0], ","), "0.636382,7,x"; got != want {
		t.Errorf("cells %s, want %s", got, want)
	}
	if got, want := strings.Join(tb.Types, ","), "f64,i64,str"; got != want {
		t.Errorf("types %s, want %s", got, want)
	}
}

type myInt int32
type myString string

func TestNewTableRowLimit(t *testing.T) {
	tb := NewTable("", "i")
	for i := 0; i < NewTableMaxRows; i++ {
		tb.AddRow(i)
	}
	if strings.Contains(tb.String(), Ellipsis) {
		t.Errorf("%d rows elided in a NewTable", NewTableMaxRows)
	}
	tb.AddRow(0)
	if !strings.Contains(tb.String(), Ellipsis) {
		t.Errorf("%d rows not elided", NewTableMaxRows+1)
	}
}

func TestMixedTypes(t *testing.T) {
	tb := NewTable("", "k", "v", "w", "x")
	tb.AddRow("a", true, 1, nil)
	tb.AddRow("b", 2, 2.5, 3)
	if got, want := strings.Join(tb.Types, ","), "str,mixed,f64,i64"; got != want {
		t.Errorf("Types = %s, want %s", got, want)
	}
	lines := strings.Split(tb.String(), "\n")
	if lines[2] != "a  true  1.0  null" || lines[3] != "b  2     2.5     3" {
		t.Errorf("mixed column alignment:\n%s", tb.String())
	}
}

// Undefined cells show NaN with a numbered reason, once per reason; the
// column stays numeric (right-aligned) and its decimals line up.
func TestUndefinedWithReason(t *testing.T) {
	tb := NewTable("", "index", "value")
	tb.AddRow("r", 0.5)
	tb.AddRow("E-I", Undefined{Reason: "no edges"})
	tb.AddRow("Q", 0.8214)
	tb.AddRow("H", Undefined{Reason: "no edges"})
	tb.AddRow("Z", Undefined{Reason: "one group"})
	want := "" +
		"index    value\n" +
		"─────  ───────\n" +
		"r       0.5000\n" +
		"E-I    NaN (1)\n" +
		"Q       0.8214\n" +
		"H      NaN (1)\n" +
		"Z      NaN (2)\n" +
		"(1) no edges\n" +
		"(2) one group\n"
	if got := tb.String(); got != want {
		t.Errorf("String:\n%s\nwant:\n%s", got, want)
	}
	if h := tb.HTML(); !strings.Contains(h, `<td class="num">NaN (2)</td>`) || !strings.Contains(h, "(2) one group") {
		t.Errorf("HTML misses the reason:\n%s", h)
	}
}

type reasoned float64

func (r reasoned) UndefinedReason() (string, bool) {
	if r != r {
		return "zero variance", true
	}
	return "", false
}

func TestReasonedCells(t *testing.T) {
	tb := NewTable("", "x")
	tb.AddRow(reasoned(math.NaN()))
	tb.AddRow(reasoned(2.25))
	if got := tb.String(); got != "      x\n───────\nNaN (1)\n   2.25\n(1) zero variance\n" {
		t.Errorf("String:\n%q", got)
	}
}

type markdownOnly struct{}

func (markdownOnly) Markdown() string { return "*hi*" }

func TestBundleMarkdownOnly(t *testing.T) {
	if b := NewBundle(markdownOnly{}); b[MIMEMarkdown] != "*hi*" {
		t.Errorf("markdown-only value: %v", b)
	}
}

// Arrow record batches and tables and gota frames show as bounded tables
// through NewBundle (Show), whatever their length.
func TestBundleDataTables(t *testing.T) {
	const n = 50_000
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64}, {Name: "x", Type: arrow.PrimitiveTypes.Float64}}, nil))
	defer b.Release()
	for i := 0; i < n; i++ {
		b.Field(0).(*array.Int64Builder).Append(int64(i))
		b.Field(1).(*array.Float64Builder).Append(float64(i) / 8)
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	tbl := array.NewTableFromRecords(rec.Schema(), []arrow.RecordBatch{rec, rec})
	defer tbl.Release()
	df := dataframe.New(series.New(make([]float64, n), series.Float, "z"))
	for name, c := range map[string]struct {
		v     any
		shape string
		last  string
	}{
		"record batch": {rec, "shape: (50000, 2)", "49999"},
		"arrow table":  {tbl, "shape: (100000, 2)", "6249.88"},
		"gota frame":   {df, "shape: (50000, 1)", "0"},
		"gota *frame":  {&df, "shape: (50000, 1)", "0"},
	} {
		bd := NewBundle(c.v)
		h, _ := bd[MIMEHTML].(string)
		p, _ := bd[MIMEPlain].(string)
		if len(h) > 8<<10 || len(p) > 4<<10 || !strings.Contains(h, c.shape) || !strings.Contains(p, c.last) {
			t.Errorf("%s: HTML %d bytes, text %d bytes, want a bounded table with %q and %q:\n%s", name, len(h), len(p), c.shape, c.last, p)
		}
	}
}

func TestFromRows(t *testing.T) {
	tb := FromRows("", []string{"i", "sq"}, 5000, func(i int) []any { return []any{i, float64(i) * 0.5} })
	tb.Limits.MaxRows = 2
	if got, want := tb.String(), "shape: (5000, 2)\n   i      sq\n────  ──────\n   0     0.0\n   …       …\n4999  2499.5\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

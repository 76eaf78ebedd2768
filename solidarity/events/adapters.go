package events

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/formats"
)

// ReadSNAPTemporal reads a SNAP temporal edge list — lines "SRC DST UNIXTS"
// separated by spaces or tabs, '#' comment lines, no header, optionally
// .gz — such as CollegeMsg (https://snap.stanford.edu/data/CollegeMsg.html),
// as events: each line is one event with actor = SRC, author = DST,
// kind = kind ("message" when empty), time = UNIXTS, and item = the line's
// 0-based record number (a synthetic id per message: in a message network
// every message is its own item). Extra fields after the third are ignored.
// Errors name the file and line.
func ReadSNAPTemporal(path, kind string, opt Options) (*Events, error) {
	if kind == "" {
		kind = "message"
	}
	cols := []string{"SRC", "DST", "UNIXTS"}
	raw, err := formats.ReadTable(path, formats.TableOptions{Names: cols, Ints: cols, Required: cols,
		MaxDecompressed: opt.MaxDecompressed, Progress: opt.Progress, Mem: opt.mem()})
	if err != nil {
		return nil, err
	}
	defer raw.Release()
	if raw.NumCols() < 3 {
		return nil, fmt.Errorf("events: %s: found %d fields, want 3: SRC DST UNIXTS", filepath.Base(path), raw.NumCols())
	}
	n := int(raw.NumRows())
	var v [3][]int64
	for k := range v {
		a, ok := raw.Column(k).(*array.Int64)
		if !ok { // no rows: an empty column of another type
			a = array.NewInt64Data(array.NewData(arrow.PrimitiveTypes.Int64, 0, []*memory.Buffer{nil, nil}, nil, 0, 0))
			defer a.Release()
		}
		v[k] = a.Int64Values()
	}
	mem := opt.mem()
	item := make([]int64, n)
	kinds := make([]string, n)
	for i := range item {
		item[i] = int64(i)
		kinds[i] = kind
	}
	rec := intRecord(mem, []string{ColActor, ColItem, ColAuthor, ColTime}, [][]int64{v[0], item, v[1], v[2]}, kinds)
	defer rec.Release()
	o := opt
	o.Columns = Columns{}
	return finish(rec, path, o)
}

func intRecord(mem memory.Allocator, names []string, cols [][]int64, kinds []string) arrow.RecordBatch {
	var fields []arrow.Field
	var arrs []arrow.Array
	for k, c := range cols {
		b := array.NewInt64Builder(mem)
		b.AppendValues(c, nil)
		arrs = append(arrs, b.NewArray())
		b.Release()
		fields = append(fields, arrow.Field{Name: names[k], Type: arrow.PrimitiveTypes.Int64})
	}
	// kind goes before time, as in the contract order actor,item,author,kind,time.
	b := array.NewStringBuilder(mem)
	b.AppendValues(kinds, nil)
	ka := b.NewArray()
	b.Release()
	fields = append(fields[:3], append([]arrow.Field{{Name: ColKind, Type: arrow.BinaryTypes.String}}, fields[3:]...)...)
	arrs = append(arrs[:3], append([]arrow.Array{ka}, arrs[3:]...)...)
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, int64(len(kinds)))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}

// ReadRedditHyperlinks reads SNAP's soc-redditHyperlinks TSV
// (https://snap.stanford.edu/data/soc-RedditHyperlinks.html; files
// soc-redditHyperlinks-body.tsv and -title.tsv) as events. The file has a
// header SOURCE_SUBREDDIT, TARGET_SUBREDDIT, POST_ID, TIMESTAMP,
// LINK_SENTIMENT, PROPERTIES; each row is a post in the source subreddit
// that links to the target subreddit. Events: actor = source subreddit,
// author = target subreddit, item = POST_ID, kind = "hyperlink",
// time = TIMESTAMP ("2013-12-31 16:39:58", read as UTC), plus a
// "sentiment" column (LINK_SENTIMENT: +1 or -1). PROPERTIES (86 text
// features) is dropped. Errors name the file, line and column.
func ReadRedditHyperlinks(path string, opt Options) (*Events, error) {
	raw, err := formats.ReadTable(path, formats.TableOptions{Comma: '\t',
		IDs: []string{"SOURCE_SUBREDDIT", "TARGET_SUBREDDIT"}, Text: []string{"POST_ID", "PROPERTIES"},
		Required:        []string{"SOURCE_SUBREDDIT", "TARGET_SUBREDDIT", "TIMESTAMP"},
		Times:           map[string]func(string) (int64, error){"TIMESTAMP": timeValue},
		MaxDecompressed: opt.MaxDecompressed, Progress: opt.Progress, Mem: opt.mem()})
	if err != nil {
		return nil, err
	}
	defer raw.Release()
	want := []string{"SOURCE_SUBREDDIT", "TARGET_SUBREDDIT", "POST_ID", "TIMESTAMP", "LINK_SENTIMENT"}
	get := map[string]arrow.Array{}
	for _, w := range want {
		idx := raw.Schema().FieldIndices(w)
		if len(idx) == 0 {
			return nil, fmt.Errorf("events: %s: no column %q: want the soc-redditHyperlinks header (%s)", filepath.Base(path), w, strings.Join(want, ", "))
		}
		get[w] = raw.Column(idx[0])
	}
	if !isString(get["SOURCE_SUBREDDIT"].DataType()) || !isString(get["TARGET_SUBREDDIT"].DataType()) {
		return nil, fmt.Errorf("events: %s: subreddit names must be text", filepath.Base(path))
	}
	n := int(raw.NumRows())
	kb := array.NewStringBuilder(opt.mem())
	for i := 0; i < n; i++ {
		kb.Append("hyperlink")
	}
	kinds := kb.NewArray()
	kb.Release()
	defer kinds.Release()
	idType := get["SOURCE_SUBREDDIT"].DataType()
	fields := []arrow.Field{
		{Name: ColActor, Type: idType}, {Name: ColItem, Type: get["POST_ID"].DataType()},
		{Name: ColAuthor, Type: get["TARGET_SUBREDDIT"].DataType()}, {Name: ColKind, Type: arrow.BinaryTypes.String},
		{Name: ColTime, Type: get["TIMESTAMP"].DataType()},
		{Name: "sentiment", Type: get["LINK_SENTIMENT"].DataType(), Nullable: true},
	}
	cols := []arrow.Array{get["SOURCE_SUBREDDIT"], get["POST_ID"], get["TARGET_SUBREDDIT"], kinds, get["TIMESTAMP"], get["LINK_SENTIMENT"]}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(n))
	defer rec.Release()
	o := opt
	o.Columns = Columns{}
	return finish(rec, path, o)
}

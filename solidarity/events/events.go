package events

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Default column names of the events contract
// (actor,item,author,kind,time[,quality]) and of the actors table
// (id,group,leaning).
const (
	ColActor   = "actor"
	ColItem    = "item"
	ColAuthor  = "author"
	ColKind    = "kind"
	ColTime    = "time"
	ColQuality = "quality"
	ColID      = "id"
	ColGroup   = "group"
	ColLeaning = "leaning"
	// ColText and ColURL are the optional content columns: what a post
	// says and the link it carries (read by coordination on content).
	ColText = "text"
	ColURL  = "url"
)

// Columns names the structural columns. Empty fields take the defaults above.
// Quality may be "-" to ignore a quality column.
type Columns struct {
	Actor, Item, Author, Kind, Time, Quality string
	// Text and URL name the optional content columns (defaults ColText
	// and ColURL; "-" ignores one).
	Text, URL string
	// Actors table columns.
	ID, Group, Leaning string
}

func (c Columns) withDefaults() Columns {
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&c.Actor, ColActor)
	def(&c.Item, ColItem)
	def(&c.Author, ColAuthor)
	def(&c.Kind, ColKind)
	def(&c.Time, ColTime)
	def(&c.Quality, ColQuality)
	def(&c.Text, ColText)
	def(&c.URL, ColURL)
	def(&c.ID, ColID)
	def(&c.Group, ColGroup)
	def(&c.Leaning, ColLeaning)
	return c
}

// Options control reading. The zero value reads the contract columns with
// the default names.
type Options struct {
	Columns Columns
	// ActorsPath is an optional actors table (CSV or Parquet) with an id
	// column and optional group and leaning columns.
	ActorsPath string
	// ItemsPath is an optional items table (CSV or Parquet) with item and
	// author columns and optional time (posting time) and quality columns:
	// every item posted, including those nobody engaged with, which an
	// events table cannot show. See AddItems.
	ItemsPath string
	// DefaultKind is the kind given to every event when the table has no
	// kind column ("" means "engage").
	DefaultKind string
	// Comma is the field delimiter for text (0 means ',', or '\t' for .tsv).
	Comma rune
	// MaxDecompressed bounds the bytes read out of a .gz or .zip member
	// (0 = formats.DefaultMaxDecompressed).
	MaxDecompressed int64
	// Progress, when set, is called as a large file is read with the bytes
	// read so far and the total (-1 when unknown).
	Progress func(read, total int64)
	Mem      memory.Allocator
}

func (o Options) mem() memory.Allocator {
	if o.Mem == nil {
		return memory.DefaultAllocator
	}
	return o.Mem
}

// Events is an engagement event table: who (actor) engaged with which item
// (made by author), how (kind) and when (time, Unix seconds). Actors and
// authors share one dense index; items have their own.
//
// Events keep table order; use TimeOrder for a chronological permutation.
// Self-engagement (actor == author) is kept as read; each analysis says how
// it treats it.
type Events struct {
	Table   arrow.RecordBatch // raw table, as read: actor,item,author,kind,time[,quality,...]
	Actor   []int32           // dense actor of each event (index into People)
	Author  []int32           // dense author of each event (index into People)
	Item    []int32           // dense item of each event (index into Items)
	Kind    []int32           // index into Kinds
	Time    []int64           // Unix seconds
	Quality []float64         // per event (the item's quality); nil when absent, NaN where missing
	Kinds   []string          // sorted
	People  *network.Index    // actor and author ids
	Items   *network.Index    // item ids

	// Actors is the optional actors table (id, group, leaning, ...); nil when
	// none was given. Its rows are People's first NodeRows dense indices.
	Actors arrow.RecordBatch
	// Group is the group of every person (index into Groups), -1 where
	// missing; nil when the actors table has no group column.
	Group  []int32
	Groups []string
	// Leaning is every person's leaning, NaN where missing; nil when the
	// actors table has no leaning column.
	Leaning []float64

	// ItemAuthor is the author of every item (dense item order): from the
	// items table when one was added, else the author of the item's first
	// event in table order; -1 when unknown.
	ItemAuthor []int32
	// ItemTime is every item's posting time: from the items table when one
	// was added (and has a time column), else the time of its earliest event.
	ItemTime []int64
	// Posts is the optional items table (see AddItems); nil when none.
	Posts arrow.RecordBatch

	itemQuality []float64 // from the items table; nil when none

	// text and url are the content columns of Table (nil when absent).
	text, url arrow.Array

	Name string // where the events came from, for messages

	mem memory.Allocator
}

func (e *Events) memory() memory.Allocator {
	if e.mem == nil {
		return memory.DefaultAllocator
	}
	return e.mem
}

// Len is the number of events.
func (e *Events) Len() int { return len(e.Actor) }

// NumPeople is the number of distinct actors and authors (and actors-table ids).
func (e *Events) NumPeople() int { return e.People.Len() }

// NumItems is the number of distinct items.
func (e *Events) NumItems() int { return e.Items.Len() }

// KindIndex returns the index of kind in Kinds, or -1.
func (e *Events) KindIndex(kind string) int32 {
	for i, k := range e.Kinds {
		if k == kind {
			return int32(i)
		}
	}
	return -1
}

// KindMask returns, for a list of kinds, a mask over Kinds that is true for
// the kinds listed; nil kinds give a nil mask (keep every event). A kind the
// events do not have is an error that lists the kinds they do have.
func (e *Events) KindMask(kinds []string) ([]bool, error) {
	if len(kinds) == 0 {
		return nil, nil
	}
	keep := make([]bool, len(e.Kinds))
	for _, k := range kinds {
		i := e.KindIndex(k)
		if i < 0 {
			return nil, fmt.Errorf("no events of kind %q (kinds: %v)", k, e.Kinds)
		}
		keep[i] = true
	}
	return keep, nil
}

// Release releases the Arrow tables.
func (e *Events) Release() {
	if e.Table != nil {
		e.Table.Release()
		e.Table = nil
	}
	if e.Actors != nil {
		e.Actors.Release()
		e.Actors = nil
	}
	if e.Posts != nil {
		e.Posts.Release()
		e.Posts = nil
	}
}

// TimeOrder returns the event indices sorted by time, ties kept in table
// order (a stable sort). When the table is already chronological it returns
// the identity without sorting.
func (e *Events) TimeOrder() []int32 {
	n := e.Len()
	ord := make([]int32, n)
	sorted := true
	for i := range ord {
		ord[i] = int32(i)
		if i > 0 && e.Time[i] < e.Time[i-1] {
			sorted = false
		}
	}
	if sorted {
		return ord
	}
	lo, hi := e.Time[0], e.Time[0]
	for _, t := range e.Time {
		lo, hi = min(lo, t), max(hi, t)
	}
	if uint64(hi-lo) < 1<<31 && n < 1<<32 {
		// Pack (time offset, index) into one word: one sort of uint64s,
		// stable because the index breaks ties.
		keys := make([]uint64, n)
		for i, t := range e.Time {
			keys[i] = uint64(t-lo)<<32 | uint64(i)
		}
		slices.Sort(keys)
		for i, k := range keys {
			ord[i] = int32(uint32(k))
		}
		return ord
	}
	t := e.Time
	sort.SliceStable(ord, func(a, b int) bool { return t[ord[a]] < t[ord[b]] })
	return ord
}

// Numbers returns a numeric event column (for example an item attribute such
// as "leaning" or "sentiment") as float64, nulls as NaN.
func (e *Events) Numbers(col string) ([]float64, error) {
	idx := e.Table.Schema().FieldIndices(col)
	if len(idx) == 0 {
		return nil, fmt.Errorf("events: %s has no column %q (columns: %v)", e.describe(), col, columnNames(e.Table))
	}
	v, err := network.Float64s(e.Table.Column(idx[0]), "events", col)
	if err != nil {
		return nil, fmt.Errorf("events: %s: %w", e.describe(), err)
	}
	return v, nil
}

// ItemQuality returns the quality of every item (dense item order): from
// the items table when one was added with a quality column, else the
// quality of the item's first event with a non-NaN value; NaN when none.
// It returns nil when neither carries a quality.
func (e *Events) ItemQuality() []float64 {
	if e.Quality == nil && e.itemQuality == nil {
		return nil
	}
	q := make([]float64, e.NumItems())
	for i := range q {
		q[i] = math.NaN()
	}
	copy(q, e.itemQuality)
	if e.Quality != nil {
		for k, it := range e.Item {
			if math.IsNaN(q[it]) {
				q[it] = e.Quality[k]
			}
		}
	}
	return q
}

func (e *Events) describe() string {
	if e.Name != "" {
		return e.Name
	}
	return "the events table"
}

func columnNames(rec arrow.RecordBatch) []string {
	var out []string
	for _, f := range rec.Schema().Fields() {
		out = append(out, f.Name)
	}
	return out
}

func column(rec arrow.RecordBatch, name, table string) (arrow.Array, error) {
	idx := rec.Schema().FieldIndices(name)
	if len(idx) == 0 {
		return nil, fmt.Errorf("events: %s has no column %q (columns: %v)", table, name, columnNames(rec))
	}
	return rec.Column(idx[0]), nil
}

// New builds Events from an events record batch and an optional actors record
// batch (nil for none). It retains both; the caller may release its own
// references. The id columns (actor, author, actors id) must all be integers
// or all strings; item ids may be either. Time must be an integer (Unix
// seconds), float (floored), or timestamp column. An error names the column
// and row at fault.
func New(rec, actors arrow.RecordBatch, opt Options) (*Events, error) {
	if rec == nil {
		return nil, errors.New("events: no events table")
	}
	c := opt.Columns.withDefaults()
	ev := &Events{mem: opt.Mem}
	n := int(rec.NumRows())
	get := func(name string) (arrow.Array, error) { return column(rec, name, "events table") }
	actorCol, err := get(c.Actor)
	if err != nil {
		return nil, err
	}
	authorCol, err := get(c.Author)
	if err != nil {
		return nil, err
	}
	itemCol, err := get(c.Item)
	if err != nil {
		return nil, err
	}
	timeCol, err := get(c.Time)
	if err != nil {
		return nil, err
	}
	isStr := isString(actorCol.DataType())
	if !isIDType(actorCol.DataType()) || isString(authorCol.DataType()) != isStr || !isIDType(authorCol.DataType()) {
		return nil, fmt.Errorf("events: columns %q (%s) and %q (%s): want both integer or both string ids",
			c.Actor, actorCol.DataType(), c.Author, authorCol.DataType())
	}
	if !isIDType(itemCol.DataType()) {
		return nil, fmt.Errorf("events: column %q is %s: want integer or string item ids", c.Item, itemCol.DataType())
	}
	for _, p := range []struct {
		a    arrow.Array
		name string
	}{{actorCol, c.Actor}, {authorCol, c.Author}, {itemCol, c.Item}, {timeCol, c.Time}} {
		if p.a.NullN() > 0 {
			for i := 0; i < n; i++ {
				if p.a.IsNull(i) {
					return nil, fmt.Errorf("events: row %d: column %q is empty (every event needs an actor, item, author and time)", i+1, p.name)
				}
			}
		}
	}
	// People: actors table first, so dense index i is actors row i.
	var idCol arrow.Array
	var actorRows int
	if actors != nil {
		idCol, err = column(actors, c.ID, "actors table")
		if err != nil {
			return nil, err
		}
		if !isIDType(idCol.DataType()) || isString(idCol.DataType()) != isStr {
			return nil, fmt.Errorf("events: actors column %q is %s but event ids are %s: convert one so they match",
				c.ID, idCol.DataType(), actorCol.DataType())
		}
		actorRows = int(actors.NumRows())
	}
	ids := newIndex(isStr, n/4+actorRows, idCol, actorCol, authorCol)
	for i := 0; i < actorRows; i++ {
		if idCol.IsNull(i) {
			return nil, fmt.Errorf("events: actors row %d: column %q is empty (every actor needs an id)", i+1, c.ID)
		}
		before := ids.Len()
		if got := addID(ids, idCol, i); int(got) != before {
			return nil, fmt.Errorf("events: actors row %d: id %q appears twice (ids must be unique)", i+1, idCol.ValueStr(i))
		}
	}
	ev.Actor = make([]int32, n)
	ev.Author = make([]int32, n)
	addColumns(ids, actorCol, authorCol, ev.Actor, ev.Author)
	ev.People = ids
	ev.People.NodeRows = actorRows

	ev.Items = newIndex(isString(itemCol.DataType()), n/2, itemCol)
	ev.Item = make([]int32, n)
	addColumns(ev.Items, itemCol, nil, ev.Item, nil)

	ev.Time, err = times(timeCol, c.Time)
	if err != nil {
		return nil, err
	}
	// Kind.
	ev.Kind = make([]int32, n)
	if ki := rec.Schema().FieldIndices(c.Kind); len(ki) > 0 {
		kc := rec.Column(ki[0])
		codes := map[string]int32{}
		raw := make([]int32, n)
		var names []string
		for i := 0; i < n; i++ {
			if kc.IsNull(i) {
				return nil, fmt.Errorf("events: row %d: column %q is empty (every event needs a kind)", i+1, c.Kind)
			}
			s := valueString(kc, i)
			k, ok := codes[s]
			if !ok {
				k = int32(len(names))
				codes[s] = k
				names = append(names, s)
			}
			raw[i] = k
		}
		sorted := append([]string(nil), names...)
		sort.Strings(sorted)
		remap := make([]int32, len(names))
		for j, s := range sorted {
			remap[codes[s]] = int32(j)
		}
		for i, k := range raw {
			ev.Kind[i] = remap[k]
		}
		ev.Kinds = sorted
	} else {
		k := opt.DefaultKind
		if k == "" {
			k = "engage"
		}
		ev.Kinds = []string{k}
	}
	if c.Quality != "-" {
		if qi := rec.Schema().FieldIndices(c.Quality); len(qi) > 0 {
			ev.Quality, err = network.Float64s(rec.Column(qi[0]), "events", c.Quality)
			if err != nil {
				return nil, fmt.Errorf("events: %w", err)
			}
		}
	}
	if actors != nil {
		if gi := actors.Schema().FieldIndices(c.Group); len(gi) > 0 {
			ev.Group, ev.Groups = categories(actors.Column(gi[0]), ev.People.Len())
		}
		if li := actors.Schema().FieldIndices(c.Leaning); len(li) > 0 {
			l, err := network.Float64s(actors.Column(li[0]), "actors", c.Leaning)
			if err != nil {
				return nil, fmt.Errorf("events: %w", err)
			}
			ev.Leaning = make([]float64, ev.People.Len())
			for i := range ev.Leaning {
				ev.Leaning[i] = math.NaN()
			}
			copy(ev.Leaning, l)
		}
		actors.Retain()
		ev.Actors = actors
	}
	ev.ItemAuthor = make([]int32, ev.Items.Len())
	ev.ItemTime = make([]int64, ev.Items.Len())
	for i := range ev.ItemAuthor {
		ev.ItemAuthor[i] = -1
	}
	for k, it := range ev.Item {
		if ev.ItemAuthor[it] < 0 {
			ev.ItemAuthor[it] = ev.Author[k]
			ev.ItemTime[it] = ev.Time[k]
		} else if ev.Time[k] < ev.ItemTime[it] {
			ev.ItemTime[it] = ev.Time[k]
		}
	}
	if c.Text != "-" {
		if ti := rec.Schema().FieldIndices(c.Text); len(ti) > 0 {
			ev.text = rec.Column(ti[0])
		}
	}
	if c.URL != "-" {
		if ui := rec.Schema().FieldIndices(c.URL); len(ui) > 0 {
			ev.url = rec.Column(ui[0])
		}
	}
	rec.Retain()
	ev.Table = rec
	return ev, nil
}

// HasText reports whether the events carry a text column (Columns.Text).
func (e *Events) HasText() bool { return e.text != nil }

// HasURL reports whether the events carry a URL column (Columns.URL).
func (e *Events) HasURL() bool { return e.url != nil }

// Text returns the text of event i: "" when the events have no text
// column or the value is empty. It reads Table in place (no copy).
func (e *Events) Text(i int) string { return cell(e.text, i) }

// URL returns the link of event i as written ("" when none); package
// content normalises it.
func (e *Events) URL(i int) string { return cell(e.url, i) }

func cell(a arrow.Array, i int) string {
	if a == nil || a.IsNull(i) {
		return ""
	}
	return valueString(a, i)
}

// AddItems adds an items table — columns item and author (names from
// opt.Columns), optional time (posting time, as in ReadCSV) and quality —
// listing every item posted, including those nobody engaged with. Items
// and authors not yet known get new dense indices after the existing ones
// (Group is -1 and Leaning NaN for new people). For every listed item the
// table's author, time and quality take precedence over what the events
// implied. The table is retained (Posts) and released by Release.
func (e *Events) AddItems(items arrow.RecordBatch, opt Options) error {
	c := opt.Columns.withDefaults()
	get := func(name string) (arrow.Array, error) { return column(items, name, "items table") }
	itemCol, err := get(c.Item)
	if err != nil {
		return err
	}
	authorCol, err := get(c.Author)
	if err != nil {
		return err
	}
	if isString(itemCol.DataType()) != e.Items.IsString() || !isIDType(itemCol.DataType()) {
		return fmt.Errorf("events: items column %q is %s but event item ids are %s: convert one so they match", c.Item, itemCol.DataType(), idKind(e.Items.IsString()))
	}
	if isString(authorCol.DataType()) != e.People.IsString() || !isIDType(authorCol.DataType()) {
		return fmt.Errorf("events: items column %q is %s but event people ids are %s: convert one so they match", c.Author, authorCol.DataType(), idKind(e.People.IsString()))
	}
	n := int(items.NumRows())
	var tm []int64
	if ti := items.Schema().FieldIndices(c.Time); len(ti) > 0 {
		if tm, err = times(items.Column(ti[0]), c.Time); err != nil {
			return err
		}
	}
	var q []float64
	if qi := items.Schema().FieldIndices(c.Quality); c.Quality != "-" && len(qi) > 0 {
		if q, err = network.Float64s(items.Column(qi[0]), "items", c.Quality); err != nil {
			return fmt.Errorf("events: %w", err)
		}
	}
	for i := 0; i < n; i++ {
		if itemCol.IsNull(i) || authorCol.IsNull(i) {
			return fmt.Errorf("events: items row %d: empty item or author (every item needs both)", i+1)
		}
		var it, au int32
		if e.Items.IsString() {
			it = e.Items.AddString(valueString(itemCol, i))
		} else {
			it = e.Items.AddInt(intAt(itemCol, i))
		}
		if e.People.IsString() {
			au = e.People.AddString(valueString(authorCol, i))
		} else {
			au = e.People.AddInt(intAt(authorCol, i))
		}
		for int(it) >= len(e.ItemAuthor) {
			e.ItemAuthor = append(e.ItemAuthor, -1)
			e.ItemTime = append(e.ItemTime, 0)
		}
		e.ItemAuthor[it] = au
		if tm != nil {
			e.ItemTime[it] = tm[i]
		}
		if q != nil {
			for int(it) >= len(e.itemQuality) {
				e.itemQuality = append(e.itemQuality, math.NaN())
			}
			e.itemQuality[it] = q[i]
		}
	}
	for len(e.Group) > 0 && len(e.Group) < e.People.Len() {
		e.Group = append(e.Group, -1)
	}
	for len(e.Leaning) > 0 && len(e.Leaning) < e.People.Len() {
		e.Leaning = append(e.Leaning, math.NaN())
	}
	items.Retain()
	if e.Posts != nil {
		e.Posts.Release()
	}
	e.Posts = items
	return nil
}

func idKind(isStr bool) string {
	if isStr {
		return "text"
	}
	return "integers"
}

// categories codes a group column; labels sorted (numerically when all are
// numbers), missing = -1, people beyond the table = -1.
func categories(a arrow.Array, n int) ([]int32, []string) {
	codes := make([]int32, n)
	for i := range codes {
		codes[i] = -1
	}
	seen := map[string]bool{}
	var labels []string
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			continue
		}
		s := valueString(a, i)
		if !seen[s] {
			seen[s] = true
			labels = append(labels, s)
		}
	}
	sortLabels(labels)
	pos := map[string]int32{}
	for k, l := range labels {
		pos[l] = int32(k)
	}
	for i := 0; i < a.Len(); i++ {
		if !a.IsNull(i) {
			codes[i] = pos[valueString(a, i)]
		}
	}
	return codes, labels
}

func sortLabels(l []string) {
	nums := make([]float64, len(l))
	numeric := true
	for i, s := range l {
		var err error
		if nums[i], err = parseFloat(s); err != nil {
			numeric = false
			break
		}
	}
	if numeric {
		sort.Slice(l, func(i, j int) bool {
			a, _ := parseFloat(l[i])
			b, _ := parseFloat(l[j])
			return a < b
		})
		return
	}
	sort.Strings(l)
}

func times(a arrow.Array, name string) ([]int64, error) {
	n := a.Len()
	out := make([]int64, n)
	switch v := a.(type) {
	case *array.Int64:
		copy(out, v.Int64Values())
	case *array.Timestamp:
		unit := v.DataType().(*arrow.TimestampType).Unit
		div := int64(1)
		switch unit {
		case arrow.Millisecond:
			div = 1e3
		case arrow.Microsecond:
			div = 1e6
		case arrow.Nanosecond:
			div = 1e9
		}
		for i, x := range v.TimestampValues() {
			out[i] = floorDiv(int64(x), div)
		}
	case *array.Float64, *array.Float32:
		f, _ := network.Float64s(a, "events", name)
		for i, x := range f {
			if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 9e15 {
				return nil, fmt.Errorf("events: row %d: column %q is %v: want a time in Unix seconds", i+1, name, x)
			}
			out[i] = int64(math.Floor(x))
		}
	default:
		if arrow.IsInteger(a.DataType().ID()) {
			f, _ := network.Float64s(a, "events", name)
			for i, x := range f {
				out[i] = int64(x)
			}
			return out, nil
		}
		if isString(a.DataType()) {
			for i := 0; i < n; i++ {
				t, ok := parseTime([]byte(valueString(a, i)))
				if !ok {
					return nil, fmt.Errorf("events: row %d: column %q is %q: want Unix seconds or a date-time such as 2006-01-02T15:04:05Z", i+1, name, valueString(a, i))
				}
				out[i] = t
			}
			return out, nil
		}
		return nil, fmt.Errorf("events: column %q is %s: want Unix seconds (integer) or a timestamp", name, a.DataType())
	}
	return out, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func isString(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return true
	}
	return false
}

func isIDType(t arrow.DataType) bool {
	return isString(t) || arrow.IsInteger(t.ID())
}

func valueString(a arrow.Array, i int) string {
	switch s := a.(type) {
	case *array.String:
		return s.Value(i)
	case *array.LargeString:
		return s.Value(i)
	case *array.StringView:
		return s.Value(i)
	}
	return a.ValueStr(i)
}

package events

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Builder collects events one at a time (a platform export read record by
// record) and builds an Events value. Ids are text: platform ids (DIDs,
// numeric ids as strings, account URLs) are kept exactly as written.
// Repeated ids share one string, so memory grows with the distinct ids and
// the number of events, not with the bytes read.
type Builder struct {
	actor, item, author, kind []string
	time                      []int64
	intern                    map[string]string
	// text and url are nil until SetContent is first called: builders
	// of events without content pay nothing for them.
	text, url []string
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder { return &Builder{intern: map[string]string{}} }

// Add appends one event: actor engaged with item (made by author) in the
// way kind says, at time t (Unix seconds, UTC).
func (b *Builder) Add(actor, item, author, kind string, t int64) {
	b.actor = append(b.actor, b.str(actor))
	b.item = append(b.item, b.str(item))
	b.author = append(b.author, b.str(author))
	b.kind = append(b.kind, b.str(kind))
	b.time = append(b.time, t)
	if b.text != nil {
		b.text = append(b.text, "")
		b.url = append(b.url, "")
	}
}

// SetContent sets the text and the link of event i (the events then carry
// the text and url columns). Texts are not interned: each costs its bytes
// until Build copies it into the table, so readers call it only when
// content was asked for.
func (b *Builder) SetContent(i int, text, url string) {
	if b.text == nil {
		b.text = make([]string, len(b.actor))
		b.url = make([]string, len(b.actor))
	}
	b.text[i] = text
	b.url[i] = b.str(url)
}

// Len is the number of events added so far.
func (b *Builder) Len() int { return len(b.actor) }

// Event returns event i as added (or as changed by SetAuthor or SetItem).
func (b *Builder) Event(i int) (actor, item, author, kind string, t int64) {
	return b.actor[i], b.item[i], b.author[i], b.kind[i], b.time[i]
}

// SetAuthor changes the author of event i (for a parent resolved later).
func (b *Builder) SetAuthor(i int, author string) { b.author[i] = b.str(author) }

// SetItem changes the item of event i (for an item whose id is known only
// after its events were read, as a Telegram chat whose id follows its
// messages).
func (b *Builder) SetItem(i int, item string) { b.item[i] = b.str(item) }

// Keep keeps only the events i for which keep(i) is true, in order.
func (b *Builder) Keep(keep func(i int) bool) {
	k := 0
	for i := range b.actor {
		if keep(i) {
			b.actor[k], b.item[k], b.author[k], b.kind[k], b.time[k] = b.actor[i], b.item[i], b.author[i], b.kind[i], b.time[i]
			if b.text != nil {
				b.text[k], b.url[k] = b.text[i], b.url[i]
			}
			k++
		}
	}
	b.actor, b.item, b.author, b.kind, b.time = b.actor[:k], b.item[:k], b.author[:k], b.kind[:k], b.time[:k]
	if b.text != nil {
		b.text, b.url = b.text[:k], b.url[:k]
	}
}

func (b *Builder) str(s string) string {
	if v, ok := b.intern[s]; ok {
		return v
	}
	if len(b.intern) < 1<<22 {
		b.intern[s] = s
	}
	return s
}

// Build makes the Events (name is for messages, as Events.Name), with the
// actors and items tables of opt when given. The builder can be dropped
// afterwards; the Events hold their own copy.
func (b *Builder) Build(name string, opt Options) (*Events, error) {
	mem := opt.mem()
	strs := func(v []string) arrow.Array {
		sb := array.NewStringBuilder(mem)
		defer sb.Release()
		sb.AppendValues(v, nil)
		return sb.NewArray()
	}
	tb := array.NewInt64Builder(mem)
	tb.AppendValues(b.time, nil)
	arrs := []arrow.Array{strs(b.actor), strs(b.item), strs(b.author), strs(b.kind), tb.NewArray()}
	tb.Release()
	fields := []arrow.Field{{Name: ColActor, Type: arrow.BinaryTypes.String}, {Name: ColItem, Type: arrow.BinaryTypes.String},
		{Name: ColAuthor, Type: arrow.BinaryTypes.String}, {Name: ColKind, Type: arrow.BinaryTypes.String},
		{Name: ColTime, Type: arrow.PrimitiveTypes.Int64}}
	if b.text != nil {
		// Empty content is null, so missing text reads as "" and costs no bytes.
		for _, col := range []struct {
			name string
			v    []string
		}{{ColText, b.text}, {ColURL, b.url}} {
			sb := array.NewStringBuilder(mem)
			for _, s := range col.v {
				if s == "" {
					sb.AppendNull()
				} else {
					sb.Append(s)
				}
			}
			arrs = append(arrs, sb.NewArray())
			sb.Release()
			fields = append(fields, arrow.Field{Name: col.name, Type: arrow.BinaryTypes.String, Nullable: true})
		}
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, int64(len(b.time)))
	for _, a := range arrs {
		a.Release()
	}
	defer rec.Release()
	o := opt
	o.Columns = Columns{ID: opt.Columns.ID, Group: opt.Columns.Group, Leaning: opt.Columns.Leaning}
	ev, err := finish(rec, name, o)
	if err != nil {
		return nil, fmt.Errorf("%w", err)
	}
	return ev, nil
}

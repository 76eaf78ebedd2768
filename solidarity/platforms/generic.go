package platforms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/solidarity/formats"
)

// 4CAT (https://github.com/digitalmethodsinitiative/4cat): a dataset
// downloaded as CSV has one row per post with at least id, thread_id,
// author and timestamp ("2006-01-02 15:04:05", UTC) or unix_timestamp;
// author_id, when the data source has it, is the stable id and preferred.
// A post whose thread_id differs from its id replies to the thread's
// opening post (resolved when that post is in the export).
func read4CAT(path string, opt Options, c *collector) error {
	rec, err := formats.ReadTable(path, formats.TableOptions{Text: []string{"id", "thread_id", "author", "author_id", "body"},
		MaxDecompressed: opt.MaxDecompressed, Progress: opt.Progress, Mem: opt.Events.Mem})
	if err != nil {
		return err
	}
	defer rec.Release()
	col := func(names ...string) *array.String {
		for _, n := range names {
			if idx := rec.Schema().FieldIndices(n); len(idx) > 0 {
				if s, ok := rec.Column(idx[0]).(*array.String); ok {
					return s
				}
			}
		}
		return nil
	}
	id, thread, author, authorID, body := col("id"), col("thread_id"), col("author"), col("author_id"), col("body")
	var tcol arrow.Array
	for _, n := range []string{"unix_timestamp", "timestamp"} {
		if idx := rec.Schema().FieldIndices(n); len(idx) > 0 {
			tcol = rec.Column(idx[0])
			break
		}
	}
	if id == nil || (author == nil && authorID == nil) || tcol == nil {
		return fmt.Errorf("platforms: %s: want 4CAT's columns id, author (or author_id) and timestamp (or unix_timestamp); the file has %v", path, rec.Schema().Fields())
	}
	str := func(a *array.String, i int) string {
		if a == nil || a.IsNull(i) {
			return ""
		}
		return a.Value(i)
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		c.rep.Records++
		pid := str(id, i)
		who := str(authorID, i)
		if who == "" {
			who = str(author, i)
		}
		if pid == "" {
			c.skip(SkipMalformed)
			continue
		}
		if deletedAuthor(who) {
			c.deleted[pid] = true
			c.skip(SkipDeleted)
			continue
		}
		t, ok := int64(0), false
		if !tcol.IsNull(i) {
			t, ok = parseTime(tcol.ValueStr(i))
		}
		if !ok {
			c.skip(SkipNoTime)
			continue
		}
		c.post(who, pid, t)
		c.setContent(str(body, i)) // 4CAT's url column is the post's own page, not a link
		if th := str(thread, i); th != "" && th != pid {
			c.addParent(who, th, "", Reply, t)
		}
	}
	return nil
}

// readNDJSONMap reads JSON lines whose fields Options.Map names (dotted
// paths for nested fields: user.id).
func readNDJSONMap(path string, opt Options, c *collector) error {
	m := opt.Map
	for _, k := range []string{"actor", "item", "author", "time"} {
		if m[k] == "" {
			return fmt.Errorf("platforms: ndjson needs Options.Map (--map) to name the %s field (map keys actor, item, author, time, and kind)", k)
		}
	}
	kind := opt.DefaultKind
	if kind == "" {
		kind = "engage"
	}
	if m["text"] != "" || m["url"] != "" {
		c.keepContent = true // mapping them asks for them
	}
	return eachJSON(path, opt, c, func(r *ndRecord, name string, line int) error {
		v := map[string]any(*r)
		get := func(k string) string { return field(v, m[k]) }
		actor, item, author := get("actor"), get("item"), get("author")
		if actor == "" || item == "" || author == "" {
			c.skip("missing_field")
			return nil
		}
		t, ok := parseTime(get("time"))
		if !ok {
			c.skip(SkipNoTime)
			return nil
		}
		k := kind
		if m["kind"] != "" {
			if k = get("kind"); k == "" {
				c.skip("missing_field")
				return nil
			}
		}
		c.add(actor, item, author, k, t)
		if m["text"] != "" || m["url"] != "" {
			c.setContent(get("text"), get("url"))
		}
		return nil
	})
}

// ndRecord is a JSON object with numbers kept as written (ids longer
// than 2^53 survive).
type ndRecord map[string]any

func (r *ndRecord) UnmarshalJSON(b []byte) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return err
	}
	*r = m
	return nil
}

// field returns the value at a dotted path as text ("" when absent or not
// a string or number).
func field(v map[string]any, path string) string {
	if path == "" {
		return ""
	}
	var cur any = v
	for _, p := range strings.Split(path, ".") {
		o, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = o[p]
	}
	switch x := cur.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	}
	return ""
}

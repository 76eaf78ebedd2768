package platforms

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/formats"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Hostile and malformed inputs: each is an error naming the file and the
// line (or the record) and saying what was expected, never a panic.
func TestMalformed(t *testing.T) {
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	cases := []struct {
		name, format, file, text string
		opt                      Options
		want                     string
	}{
		{"bluesky truncated line", "bluesky", "testdata/bluesky/malformed.jsonl", "", Options{}, "malformed.jsonl:2: not a JSON record"},
		{"reddit author not text", "reddit", "testdata/reddit/malformed.ndjson", "", Options{}, `malformed.ndjson:3: not a JSON record: field "author" holds a JSON array, want string`},
		{"record too long", "bluesky", "testdata/bluesky/jetstream.jsonl", "", Options{MaxRecord: 100}, "jetstream.jsonl:1: a record longer than 100 bytes"},
		{"nested too deep", "reddit", "deep.ndjson", `{"id":"a","x":` + deep + "}\n", Options{}, "deep.ndjson:1: JSON nested deeper than 64 levels"},
		{"ndjson too deep", "ndjson", "deep.ndjson", `{"x":` + deep + "}\n", Options{Map: map[string]string{"actor": "a", "item": "i", "author": "u", "time": "t"}}, "deep.ndjson:1: JSON nested deeper"},
		{"ndjson without a map", "ndjson", "testdata/generic/engagement.ndjson", "", Options{}, "name the actor field"},
		{"mastodon truncated", "mastodon", "outbox.json", `{"type":"OrderedCollection","orderedItems":[{"type":"Create"`, Options{}, "ends early"},
		{"mastodon not a collection", "mastodon", "outbox.json", `{"type":"Person","id":"https://x/users/a"}`, Options{}, "no orderedItems"},
		{"mastodon array root", "mastodon", "outbox.json", `[1,2]`, Options{}, "want a JSON object"},
		{"mastodon huge element", "mastodon", "outbox.json", `{"orderedItems":[{"type":"Create","content":"` + strings.Repeat("x", 300000) + `"}]}`, Options{MaxRecord: 1000}, "longer than 1000 bytes"},
		{"mastodon deep element", "mastodon", "outbox.json", `{"orderedItems":[` + deep + `]}`, Options{}, "nested deeper than 64"},
		{"telegram not json", "telegram", "result.json", "not json at all", Options{}, "not valid JSON"},
		{"telegram no messages", "telegram", "result.json", `{"name":"x","id":1}`, Options{}, "no messages"},
		{"telegram bad message", "telegram", "result.json", `{"id":1,"messages":[{"id":1,"type":"message","from_id":{"a":1}}]}`, Options{}, "messages element 1"},
		{"telegram chats nested in chats", "telegram", "result.json", `{"chats":{"list":[{"id":1,"chats":{"list":[{"id":2,"messages":[]}]}}]}}`, Options{}, "no messages"},
		{"telegram full export truncated", "telegram", "result.json", `{"chats":{"list":[{"id":1,"messages":[{"id":1`, Options{}, "ends early"},
		{"telegram messages without chat id", "telegram", "result.json", `{"type":"public_channel","messages":[{"id":1,"type":"message","date_unixtime":"1","from_id":"user1"}]}`, Options{}, "chat has messages but no id"},
		{"telegram listed chat without id", "telegram", "result.json", `{"chats":{"list":[{"id":1,"messages":[]},{"id":null,"messages":[]}]}}`, Options{}, "chats.list[1] chat has messages but no id"},
		{"telegram chat id not a number", "telegram", "result.json", `{"chats":{"list":[{"id":"\u00000","messages":[]}]}}`, Options{}, `chats.list[0] chat id "\x000" near byte`},
		{"telegram chat type not text", "telegram", "result.json", `{"id":1,"type":7,"messages":[]}`, Options{}, "chat type"},
		{"telegram truncated before id", "telegram", "result.json", `{"messages":[{"id":1,"type":"message","date_unixtime":"1","from_id":"user1"}],"id":`, Options{}, "ends early"},
		{"tweets.js without owner", "twitter", "tweets.js", `window.YTD.tweets.part0 = []`, Options{}, "--account"},
		{"tweets.js not js", "twitter", "tweets.js", `hello`, Options{Account: "1"}, "no JSON array"},
		{"twitter data not a list", "twitter", "v2.jsonl", `{"data":[1,2]}` + "\n", Options{}, "v2.jsonl:1: data: want an array of tweets"},
		{"4cat without columns", "4cat", "x.csv", "a,b\n1,2\n", Options{}, "want 4CAT's columns"},
		{"4cat short row", "4cat", "x.csv", "id,author,timestamp\n1,a\n", Options{}, "x.csv:2: want 3 fields"},
		{"unknown format", "myspace", "x.json", "{}", Options{}, "unknown events format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.file
			if c.text != "" || !strings.HasPrefix(p, "testdata/") {
				p = writeFile(t, c.file, c.text)
			}
			ev, _, err := Read(p, c.format, c.opt)
			if err == nil {
				ev.Release()
				t.Fatalf("no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestSkipMalformed(t *testing.T) {
	ev, rep, err := Read("testdata/reddit/malformed.ndjson", "reddit", Options{SkipMalformed: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if rep.Skipped[SkipMalformed] != 1 || rep.Kinds[Post] != 2 {
		t.Errorf("report %v", rep)
	}
}

// Compressed exports read as the formats package reads them, with its
// decompression limit.
func TestCompressed(t *testing.T) {
	data, _ := os.ReadFile("testdata/bluesky/jetstream.jsonl")
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write(data)
	z.Close()
	p := writeFile(t, "jetstream.jsonl.gz", b.String())
	ev, rep, err := Read(p, "bluesky", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev.Release()
	if rep.Events != 10 {
		t.Errorf("%d events from .gz, want 10", rep.Events)
	}
	_, _, err = Read(p, "bluesky", Options{MaxDecompressed: 500})
	var le *formats.LimitError
	if !errors.As(err, &le) {
		t.Errorf("want a formats.LimitError, got %v", err)
	}
}

func TestProgress(t *testing.T) {
	var last, total int64
	ev, _, err := Read("testdata/reddit/dump.ndjson", "reddit", Options{Progress: func(r, n int64) { last, total = r, n }})
	if err != nil {
		t.Fatal(err)
	}
	ev.Release()
	st, _ := os.Stat("testdata/reddit/dump.ndjson")
	if last != st.Size() || total != st.Size() {
		t.Errorf("progress ended at %d of %d, want %d", last, total, st.Size())
	}
}

func TestParseMap(t *testing.T) {
	m, err := ParseMap("actor=user_id, item=post_id,author=poster")
	if err != nil || m["actor"] != "user_id" || m["item"] != "post_id" || m["author"] != "poster" {
		t.Errorf("%v %v", m, err)
	}
	for _, bad := range []string{"actor", "actor=", "who=x", "actor=a,actor=b"} {
		if _, err := ParseMap(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// A full Telegram export lists chats (and left_chats, the channels the
// exporter left); each is read as a single-chat export.
func TestTelegramFullExport(t *testing.T) {
	one, _ := os.ReadFile("testdata/telegram/result.json")
	text := `{"about":"export","personal_information":{"user_id":1},"chats":{"about":"chats","list":[` + string(one) + `]},` +
		`"left_chats":{"about":"left","list":[` + strings.Replace(string(one), `"id": 1000,`, `"id": 2000,`, 1) + `]}}`
	ev, rep, err := Read(writeFile(t, "result.json", text), "telegram", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	// Twice the single chat (8 records, 10 events), items kept apart by chat id.
	if rep.Records != 16 || rep.Events != 20 || ev.NumItems() != 2*5 {
		t.Errorf("records %d events %d items %d, want 16 20 10 (%v)", rep.Records, rep.Events, ev.NumItems(), rep)
	}
}

package platforms

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The scanner accepts exactly what json.Valid accepts within the depth
// bound, and a projected record decodes to the same value as the whole
// line.
var scanCases = []string{
	`{}`, ` { } `, `{"a":1}`, `{"a":-0.5e+10,"b":[1,2,{"c":null}],"d":"x\"\\\/\b\f\n\r\t\u00e9"}`,
	`{"a":"\u12G4"}`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`,
	`{"a":-}`, `{"a":tru}`, `{"a":nul}`, `{"a":[1,]}`, `{"a":[,1]}`, `{"a":{"b"}}`, `{"a":{"b":1,}}`,
	`{"a" 1}`, `{"a":1,}`, `{"a":1}x`, `{"a":1}}`, `{"a":[}`, `{"a":[1}`, `{"a":{]}`, `{a:1}`, `{"a":1`,
	`[1,2]`, `"text"`, `12`, `null`, ``, ` `, `{"a":"\ud800"}`, "{\"a\":\"\xff\xfe\"}", `{"a":[[[[]]]]}`,
	`{"id":"a","ID":"b","Id":"c"}`, `{"\u0069d":"escaped key"}`, `{"author":["not","text"]}`,
	`{"a":true,"b":false,"c":null,"d":-12.5E-3,"e":0,"f":[],"g":{}}`, `{"a":1e5,"b":1E+5,"c":-0}`,
	`{"a":[1 2]}`, `{"a":{"b":1 "c":2}}`, `{"":1}`, "{\"a\":\t[\r\n1\n]\n}",
}

func TestScannerAgreesWithEncodingJSON(t *testing.T) {
	for _, c := range scanCases {
		for _, max := range []int{1, 2, 3, 64} {
			checkScan(t, []byte(c), max)
		}
	}
	deep := `{"a":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`
	checkScan(t, []byte(deep), 64)
	checkScan(t, []byte(deep), 71)
}

func checkScan(t *testing.T, b []byte, max int) {
	t.Helper()
	var s scanner
	p := newProjection[redditRecord](true)
	out, ok := s.project(b, p, max)
	var v any
	isObj := json.Unmarshal(b, &v) == nil && reflect.TypeOf(v) == reflect.TypeFor[map[string]any]()
	want := json.Valid(b) && checkDepth(b, max) && isObj
	if ok != want {
		t.Fatalf("%q (max depth %d): scanner says %v, encoding/json and checkDepth %v", b, max, ok, want)
	}
	if !ok {
		return
	}
	var full, proj redditRecord
	errFull := json.Unmarshal(b, &full)
	errProj := json.Unmarshal(out, &proj)
	if (errFull == nil) != (errProj == nil) || (errFull == nil && !reflect.DeepEqual(full, proj)) {
		t.Fatalf("%q: projected %q decodes to %+v (%v), the whole line to %+v (%v)", b, out, proj, errProj, full, errFull)
	}
}

func FuzzScanner(f *testing.F) {
	for _, c := range scanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, max := range []int{2, 64} {
			checkScan(t, b, max)
		}
	})
}

func keys(p *projection) string {
	if p == nil {
		return "none"
	}
	var s []string
	for _, k := range p.keys {
		s = append(s, string(k))
	}
	return strings.Join(s, ",")
}

func TestProjectionKeys(t *testing.T) {
	if got := keys(newProjection[redditRecord](true)); !strings.HasPrefix(got, "id,name,author,created_utc,link_id,parent_id,title") {
		t.Errorf("reddit: %s", got)
	}
	// Embedded fields are promoted; a record that decodes itself is not
	// projected.
	if got := keys(newProjection[twitterLine](true)); !strings.Contains(got, "data,includes") || !strings.HasPrefix(got, "id,") {
		t.Errorf("twitter: %s", got)
	}
	if got := keys(newProjection[ndRecord](true)); got != "none" {
		t.Errorf("ndjson: %s", got)
	}
	if got := keys(newProjection[flexTime](true)); got != "none" {
		t.Errorf("flexTime: %s", got)
	}
}

// readBoth runs eachJSON and the line-at-a-time reader it replaced over
// the same file and says what each produced: the records applied (with
// their lines), the report and the error.
func readBoth[T any](t *testing.T, path string, opt Options) (got, want string) {
	t.Helper()
	run := func(each func(string, Options, *collector, func(*T, string, int) error) error) string {
		c := newCollector("x")
		var b strings.Builder
		err := each(path, opt, c, func(r *T, name string, line int) error {
			j, err := json.Marshal(r) // not %#v: it prints pointers
			if nd, ok := any(r).(*ndRecord); ok && len(opt.Map) > 0 {
				// The generic reader sees only the mapped fields.
				var b strings.Builder
				for _, k := range slices.Sorted(maps.Keys(opt.Map)) {
					fmt.Fprintf(&b, "%s=%q ", k, field(*nd, opt.Map[k]))
				}
				j = []byte(b.String())
			}
			fmt.Fprintf(&b, "%s:%d %s %v\n", name, line, j, err)
			return nil
		})
		fmt.Fprintf(&b, "records %d skipped %v error %v", c.rep.Records, c.rep.Skipped, err)
		return b.String()
	}
	return run(eachJSON[T]), run(eachJSONRef[T])
}

func compareReaders(t *testing.T, path string, opt Options) {
	t.Helper()
	defer func(b int) { blockSize = b }(blockSize)
	sizes := []int{1 << 20, 100, 7}
	if st, err := os.Stat(path); err == nil && st.Size() > 1<<16 {
		sizes = sizes[:1] // tiny blocks on a large file cost seconds
	}
	for _, bs := range sizes {
		blockSize = bs
		for _, skip := range []bool{false, true} {
			o := opt
			o.SkipMalformed = skip
			// With content every field is decoded, as the line reader did;
			// without, the content fields are not (TestContentNotDecoded).
			o.Content = true
			check := func(got, want string) {
				t.Helper()
				if got != want {
					t.Fatalf("%s, block %d, skip %v:\nblock reader:\n%s\nline reader:\n%s", path, bs, skip, got, want)
				}
			}
			check(readBoth[redditRecord](t, path, o))
			check(readBoth[twitterLine](t, path, o))
			check(readBoth[jetEvent](t, path, o))
			check(readBoth[ndRecord](t, path, o))
		}
	}
}

func TestBlockReaderMatchesLineReader(t *testing.T) {
	for _, p := range []string{"testdata/reddit/dump.ndjson", "testdata/reddit/malformed.ndjson", "testdata/reddit/crossposts.ndjson", "testdata/bluesky/jetstream.jsonl",
		"testdata/bluesky/malformed.jsonl", "testdata/twitter/v2.jsonl", "testdata/generic/engagement.ndjson"} {
		compareReaders(t, p, Options{})
		compareReaders(t, p, Options{MaxRecord: 200, MaxDepth: 3})
		compareReaders(t, p, Options{Map: ndMap})
	}
	// A compressed file of 4.7 MB: several blocks, one record type.
	if got, want := readBoth[jetEvent](t, "testdata/bluesky/sample.jsonl.gz", Options{}); got != want {
		t.Fatalf("sample.jsonl.gz: the block reader and the line reader differ")
	}
	dir := t.TempDir()
	for i, text := range []string{
		"", "\n\n", "\ufeff{\"id\":\"a\"}\n", "{\"id\":\"a\"}", "{\"id\":\"a\"}\r\n  \r\n{\"id\":1}\n{\"id\":[1]}\n",
		"SOURCE_SUBREDDIT\tTARGET\n", "{\"id\":\"x\",\"body\":\"" + strings.Repeat("y", 300) + "\"}\n{\"id\":\"z\"}\n",
		"{\"id\":\"a\"}\n" + strings.Repeat("z", 500), "{\"id\":\"a\"}\n{\"id\":\"b\"\n{\"id\":\"c\"}\n",
		`{"Author":"A","author":"b","AUTHOR":"c","created_utc":"1.5"}` + "\n" + `{"\u0061uthor":"esc","created_utc":7}`,
		`{"user":{"id":"u1"},"User":{"id":"x"},"post_id":"p","owner":"o","ts":1,"action":"like","big":[1,{"a":"b"}]}` + "\n" +
			`{"user":{"id":"u1"},"us\u0065r":{"id":"esc"},"post_id":12345678901234567890,"owner":"o","ts":"2024-01-01T00:00:00Z","action":"x"}` + "\n",
	} {
		p := filepath.Join(dir, fmt.Sprintf("case%d.ndjson", i))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		compareReaders(t, p, Options{})
		compareReaders(t, p, Options{MaxRecord: 100})
		compareReaders(t, p, Options{Map: ndMap})
	}
}

// ndMap projects the generic reader's records onto a few keys, one nested.
var ndMap = map[string]string{"actor": "user.id", "item": "post_id", "author": "owner", "time": "ts", "kind": "action"}

func FuzzBlockReader(f *testing.F) {
	for _, s := range []string{"testdata/reddit/dump.ndjson", "testdata/reddit/malformed.ndjson", "testdata/bluesky/jetstream.jsonl", "testdata/twitter/v2.jsonl"} {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "x.ndjson")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		compareReaders(t, p, Options{MaxRecord: 64, MaxDepth: 4})
		compareReaders(t, p, Options{Map: ndMap})
	})
}

// Without Options.Content a post's text is not decoded, so a text field of
// the wrong type is no error then; with it, it is, naming the field.
func TestContentNotDecoded(t *testing.T) {
	p := writeFile(t, "x.ndjson", `{"id":"a","author":"u","created_utc":1,"body":5}`+"\n")
	ev, rep, err := Read(p, "reddit", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev.Release()
	if rep.Events != 1 {
		t.Errorf("%d events, want 1", rep.Events)
	}
	if got := keys(newProjection[redditRecord](false)); strings.Contains(got, "body") || !strings.Contains(got, "author") {
		t.Errorf("projection without content: %s", got)
	}
	if _, _, err := Read(p, "reddit", Options{Content: true}); err == nil || !strings.Contains(err.Error(), `field "body"`) {
		t.Errorf("with content: %v, want an error naming the body field", err)
	}
}

package events

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const small = `actor,item,author,kind,time,quality,topic
1,p1,2,like,100,0.5,cats
3,p1,2,share,105,0.5,cats
2,p2,1,like,110,-1.25,dogs
1,p2,1,reply,2024-01-01T00:00:00Z,,dogs
`

func gzipFile(t *testing.T, name, text string) string {
	t.Helper()
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write([]byte(text))
	z.Close()
	return write(t, name, b.String())
}

// Events are read through the formats reader, so .gz and .zip come for free.
func TestReadCompressed(t *testing.T) {
	want, err := ReadCSV(write(t, "ev.csv", small), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer want.Release()
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("data/events.csv")
	w.Write([]byte(small))
	zw.Close()
	for _, p := range []string{gzipFile(t, "ev.csv.gz", small), write(t, "ev.zip", zb.String())} {
		ev, err := ReadCSV(p, Options{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if ev.Len() != want.Len() || !slices.Equal(ev.Time, want.Time) || !slices.Equal(ev.People.Ints(), want.People.Ints()) {
			t.Errorf("%s: times %v people %v, want %v %v", p, ev.Time, ev.People.Ints(), want.Time, want.People.Ints())
		}
		ev.Release()
	}
}

func TestReadCSVSmall(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	actors := write(t, "actors.csv", "id,group,leaning\n2,b,0.5\n1,a,-1\n9,a,\n")
	ev, err := ReadCSV(write(t, "ev.csv", small), Options{Mem: mem, ActorsPath: actors})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	// Expected values by hand from the table above.
	if ev.Len() != 4 || ev.NumPeople() != 4 || ev.NumItems() != 2 {
		t.Fatalf("len %d people %d items %d, want 4 4 2", ev.Len(), ev.NumPeople(), ev.NumItems())
	}
	// actors table first: 2,1,9 then 3.
	if got := ev.People.Ints(); got[0] != 2 || got[1] != 1 || got[2] != 9 || got[3] != 3 {
		t.Errorf("people order %v, want [2 1 9 3]", got)
	}
	if strings.Join(ev.Kinds, ",") != "like,reply,share" {
		t.Errorf("kinds %v", ev.Kinds)
	}
	if ev.Kind[1] != 2 || ev.Time[3] != 1704067200 {
		t.Errorf("kind[1]=%d time[3]=%d, want 2 and 1704067200", ev.Kind[1], ev.Time[3])
	}
	if ev.Quality[2] != -1.25 || !math.IsNaN(ev.Quality[3]) {
		t.Errorf("quality %v", ev.Quality)
	}
	if ev.Groups[0] != "a" || ev.Group[0] != 1 || ev.Group[3] != -1 || !math.IsNaN(ev.Leaning[2]) || ev.Leaning[1] != -1 {
		t.Errorf("groups %v %v leaning %v", ev.Groups, ev.Group, ev.Leaning)
	}
	q := ev.ItemQuality()
	if q[0] != 0.5 || q[1] != -1.25 {
		t.Errorf("item quality %v", q)
	}
	n, err := ev.Project("", true)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	// Pairs: 1->2, 3->2, 2->1, 1->1 (loop): 4 records, 1 loop, 3 simple edges.
	r := n.Report()
	if r.EdgeRecords != 4 || r.SelfLoops != 1 || r.SimpleEdges != 3 || r.Nodes != 4 {
		t.Errorf("report %+v", r)
	}
	nl, err := ev.Project("like", false)
	if err != nil {
		t.Fatal(err)
	}
	defer nl.Release()
	if nl.Report().SimpleEdges != 2 || nl.Report().Weighted {
		t.Errorf("like projection %+v", nl.Report())
	}
	if _, err := ev.Project("retweet", true); err == nil || !strings.Contains(err.Error(), "retweet") {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestReadCSVErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"short row", "actor,item,author,kind,time\n1,p,2,like\n", "ev.csv:2: want 5 fields (actor,item,author,kind,time), found 4"},
		{"long row", "actor,item,author,kind,time\n1,p,2,like,5,6\n", "ev.csv:2: want 5 fields (actor,item,author,kind,time), found 6"},
		{"empty actor", "actor,item,author,kind,time\n1,p,2,like,5\n,p,2,like,5\n", `ev.csv:3: column "actor" is empty`},
		{"bad time", "actor,item,author,kind,time\n1,p,2,like,yesterday\n", `ev.csv:2: column "time": "yesterday" is not a time`},
		{"no author", "actor,item,kind,time\n1,p,like,5\n", `no column "author"`},
		{"empty file", "", "the file is empty"},
		{"gzip bomb limit", "", "decompresses to more than"},
		{"mixed ids", "actor,item,author,kind,time\n1,p,bob,like,5\n", "both integer or both string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			p, opt := write(t, "ev.csv", c.text), Options{Mem: mem}
			if c.text == "" && strings.HasPrefix(c.name, "gzip") {
				p, opt.MaxDecompressed = gzipFile(t, "ev.csv.gz", small), 20
			}
			ev, err := ReadCSV(p, opt)
			if err == nil {
				ev.Release()
				t.Fatalf("no error, want %q", c.want)
			}
			// Reading errors come from the formats reader; table errors from events.
			if !strings.Contains(err.Error(), c.want) || !(strings.HasPrefix(err.Error(), "events: ") || strings.HasPrefix(err.Error(), "formats: ")) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
		})
	}
	var pe *ParseError
	_, err := ReadCSV(write(t, "ev.csv", cases[0].text), Options{})
	if !errors.As(err, &pe) || pe.Line != 2 {
		t.Errorf("want a *ParseError at line 2, got %v", err)
	}
}

func TestReadCSVTypes(t *testing.T) {
	// Quoted fields, string ids with leading zeros, a float column that
	// turns into text (forcing a re-read), an int column that turns float.
	text := "actor,item,author,kind,time,x,y\n" +
		"007,\"a,b\",12,like,1.9,1,3\n" +
		"12,c,007,like,2,2.5,n/a\n"
	ev, err := ReadCSV(write(t, "ev.csv", text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if !ev.People.IsString() || ev.People.String(0) != "007" || ev.Items.String(0) != "a,b" {
		t.Errorf("ids %v %v", ev.People.Strings(), ev.Items.Strings())
	}
	if ev.Time[0] != 1 {
		t.Errorf("time %v, want 1.9 floored to 1", ev.Time)
	}
	x, err := ev.Numbers("x")
	if err != nil || x[1] != 2.5 {
		t.Errorf("x %v %v", x, err)
	}
	if _, err := ev.Numbers("y"); err == nil {
		t.Errorf("y is text, want an error")
	}
}

func TestParquetRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ev, err := ReadCSV(write(t, "ev.csv", small), Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	p := filepath.Join(t.TempDir(), "ev.parquet")
	if err := ev.WriteParquet(p); err != nil {
		t.Fatal(err)
	}
	back, err := ReadParquet(p, Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Release()
	if back.Len() != 4 || back.Time[3] != ev.Time[3] || back.Quality[2] != -1.25 || back.Items.String(1) != "p2" {
		t.Errorf("round trip lost data: %v %v", back.Time, back.Quality)
	}
}

func TestSNAPTemporalInline(t *testing.T) {
	p := write(t, "msgs.txt", "# comment\n1 2 100\n2 1 150\n3 2 90\n")
	ev, err := ReadSNAPTemporal(p, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if ev.Len() != 3 || ev.Kinds[0] != "message" || ev.NumItems() != 3 || ev.Time[2] != 90 {
		t.Errorf("got %d events kinds %v", ev.Len(), ev.Kinds)
	}
	if _, err := ReadSNAPTemporal(write(t, "bad.txt", "1 2 100\n1 x 3\n"), "", Options{}); err == nil || !strings.Contains(err.Error(), "bad.txt:2") {
		t.Errorf("error %v", err)
	}
}

func TestCollegeMsg(t *testing.T) {
	p := shareddata.Raw(t, "college-msg", "CollegeMsg.txt")
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ev, err := ReadSNAPTemporal(p, "", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	// Counts from SOURCE.md (SNAP's stats, verified with networkx 3.6.1).
	if ev.Len() != 59835 || ev.NumPeople() != 1899 {
		t.Errorf("%d events %d people, want 59835 and 1899", ev.Len(), ev.NumPeople())
	}
	n, err := ev.Project("message", true)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	if r := n.Report(); r.SimpleEdges != 20296 || r.SelfLoops != 0 {
		t.Errorf("static graph %d edges %d loops, want 20296 and 0 (SOURCE.md)", r.SimpleEdges, r.SelfLoops)
	}
}

// A tiny inline sample in SNAP's documented soc-redditHyperlinks format
// (header and first fields as on the SNAP page; PROPERTIES shortened).
const redditSample = "SOURCE_SUBREDDIT\tTARGET_SUBREDDIT\tPOST_ID\tTIMESTAMP\tLINK_SENTIMENT\tPROPERTIES\n" +
	"leagueoflegends\tteamredditteams\t1u4nrps\t2013-12-31 16:39:58\t1\t345.0,298.0,0.75\n" +
	"theredlion\tsoccer\t1u4qkd\t2013-12-31 18:18:37\t-1\t101.0,98.0,0.73\n" +
	"soccer\ttheredlion\t1u4xyz\t2014-01-01 10:00:00\t1\t1.0,2.0,3.0\n"

func TestRedditHyperlinksInline(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ev, err := ReadRedditHyperlinks(write(t, "soc-redditHyperlinks-body.tsv", redditSample), Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if ev.Len() != 3 || ev.NumPeople() != 4 || ev.Kinds[0] != "hyperlink" {
		t.Fatalf("%d events, %d subreddits, kinds %v", ev.Len(), ev.NumPeople(), ev.Kinds)
	}
	// 2013-12-31 16:39:58 UTC = 1388507998 (date -u -d ... +%s).
	if ev.Time[0] != 1388507998 {
		t.Errorf("time %d, want 1388507998", ev.Time[0])
	}
	s, err := ev.Numbers("sentiment")
	if err != nil || s[1] != -1 {
		t.Errorf("sentiment %v %v", s, err)
	}
	if ev.People.String(ev.Actor[1]) != "theredlion" || ev.People.String(ev.Author[1]) != "soccer" {
		t.Errorf("row 2: actor %s author %s", ev.People.String(ev.Actor[1]), ev.People.String(ev.Author[1]))
	}
}

func TestItemsTable(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	items := write(t, "items.csv", "item,author,time,quality\np1,2,90,0.75\np3,7,95,2\n")
	ev, err := ReadCSV(write(t, "ev.csv", small), Options{Mem: mem, ItemsPath: items})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	// p1 and p2 from events, p3 only in the items table (nobody engaged);
	// person 7 only authors p3.
	if ev.NumItems() != 3 || ev.NumPeople() != 4 {
		t.Fatalf("items %d people %d, want 3 and 4", ev.NumItems(), ev.NumPeople())
	}
	q := ev.ItemQuality()
	if q[0] != 0.75 || q[1] != -1.25 || q[2] != 2 {
		t.Errorf("quality %v, want [0.75 -1.25 2] (table first, then events)", q)
	}
	if ev.ItemTime[0] != 90 || ev.ItemTime[1] != 110 || ev.People.String(ev.ItemAuthor[2]) != "7" {
		t.Errorf("item time %v author %v", ev.ItemTime, ev.ItemAuthor)
	}
	bad := write(t, "items.csv", "item,creator\np1,2\n")
	if _, err := ReadCSV(write(t, "ev.csv", small), Options{ItemsPath: bad}); err == nil || !strings.Contains(err.Error(), `no column "author"`) {
		t.Errorf("error %v", err)
	}
}

func TestTimeOrder(t *testing.T) {
	ev := &Events{Time: []int64{5, 3, 5, 1, 3}}
	ev.Actor = make([]int32, 5)
	got := ev.TimeOrder()
	want := []int32{3, 1, 4, 0, 2} // by time, ties in table order
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	ev.Time, ev.Actor = []int64{-1 << 40, 1 << 40, 0}, make([]int32, 3)
	if got := ev.TimeOrder(); got[0] != 0 || got[1] != 2 || got[2] != 1 {
		t.Errorf("wide range order %v", got)
	}
}

func TestPairOrder(t *testing.T) {
	// Events (actor, author, item, time, kind):
	// 0: 2->1 i0 t5 like, 1: 1->2 i1 t3 share, 2: 2->1 i2 t1 like, 3: 1->2 i1 t3 like, 4: 1->1 i0 t0 like
	ev := &Events{
		Actor: []int32{2, 1, 2, 1, 1}, Author: []int32{1, 2, 1, 2, 1}, Item: []int32{0, 1, 2, 1, 0},
		Time: []int64{5, 3, 1, 3, 0}, Kind: []int32{0, 1, 0, 0, 0},
		People: network.NewIntIndex(0), Items: network.NewIntIndex(0),
	}
	for i := int64(0); i < 3; i++ {
		ev.People.AddInt(i)
		ev.Items.AddInt(i)
	}
	// By (actor, author, time, table order): actor 1: 4 (->1), then ->2: 1, 3 (t3, table order); actor 2: 2 (t1), 0 (t5).
	check := func(got, want []int32) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("order %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("order %v, want %v", got, want)
			}
		}
	}
	check(ev.PairOrder(nil, false), []int32{4, 1, 3, 2, 0})
	// By item: actor 1: i0 (4), i1 (1, 3); actor 2: i0 (0), i2 (2).
	check(ev.PairOrder(nil, true), []int32{4, 1, 3, 0, 2})
	// Only kind 0 (like).
	check(ev.PairOrder([]bool{true, false}, false), []int32{4, 3, 2, 0})
}

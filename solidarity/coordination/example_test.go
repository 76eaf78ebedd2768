package coordination_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/events"
)

// Accounts a, b and c share three items within seconds of each other; d and
// e share the same items hours apart.
func Example() {
	dir, _ := os.MkdirTemp("", "coordination")
	defer os.RemoveAll(dir)
	csv := "actor,item,author,kind,time\n"
	for k, item := range []string{"p1", "p2", "p3"} {
		t0 := 1000 * (k + 1)
		csv += fmt.Sprintf("a,%s,z,share,%d\nb,%s,z,share,%d\nc,%s,z,share,%d\n", item, t0, item, t0+4, item, t0+9)
		csv += fmt.Sprintf("d,%s,z,share,%d\ne,%s,z,share,%d\n", item, t0+20000, item, t0+30000)
	}
	os.WriteFile(filepath.Join(dir, "events.csv"), []byte(csv), 0o644)
	ev, err := events.ReadCSV(filepath.Join(dir, "events.csv"), events.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()
	r, err := coordination.Analyze(ev, coordination.Options{Window: 60})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := r.Summary()
	for _, c := range s.Clusters {
		fmt.Println("cluster:", c.Members, "tied by", c.EvidenceItems, "items, the tightest", c.Evidence[0].Item, "within", c.Evidence[0].Spread, "s")
	}
	for _, e := range s.Edges {
		fmt.Printf("%v-%v: %v first %d times, %v first %d times, on %d items\n", e.A, e.B, e.A, e.AFirst, e.B, e.BFirst, e.Items)
	}
	// Output:
	// cluster: [a b c] tied by 3 items, the tightest p1 within 9 s
	// a-b: a first 3 times, b first 0 times, on 3 items
	// a-c: a first 3 times, c first 0 times, on 3 items
	// b-c: b first 3 times, c first 0 times, on 3 items
}

// Accounts a and b post the same three links as different posts, 5 s
// apart, with other tracking parameters: by item they share nothing, by
// normalised URL they are tied.
func Example_object() {
	b := events.NewBuilder()
	for k := 0; k < 3; k++ {
		t0 := int64(1000 * (k + 1))
		b.Add("a", fmt.Sprintf("a%d", k), "a", "post", t0)
		b.SetContent(b.Len()-1, "read this", fmt.Sprintf("https://news.example.org/s%d?utm_source=a", k))
		b.Add("b", fmt.Sprintf("b%d", k), "b", "post", t0+5)
		b.SetContent(b.Len()-1, fmt.Sprintf("wow http://www.news.example.org/s%d/#top", k), "")
	}
	ev, _ := b.Build("posts", events.Options{})
	defer ev.Release()
	for _, o := range []coordination.Object{coordination.ObjectItem, coordination.ObjectURL} {
		r, _ := coordination.Analyze(ev, coordination.Options{Window: 60, Object: o})
		s := r.Summary()
		fmt.Println(o, "clusters:", len(s.Clusters))
		for _, c := range s.Clusters {
			fmt.Println(c.Members, "tied by", c.EvidenceItems, "URLs, e.g.", c.Evidence[0].Item)
		}
	}
	// Output:
	// item clusters: 0
	// url clusters: 1
	// [a b] tied by 3 URLs, e.g. https://news.example.org/s0
}

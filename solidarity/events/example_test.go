package events_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/solidarity/events"
)

func Example() {
	dir, _ := os.MkdirTemp("", "events-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "events.csv")
	os.WriteFile(path, []byte(`actor,item,author,kind,time,quality
ana,p1,bo,like,1700000000,0.5
cy,p1,bo,share,1700000060,0.5
bo,p2,ana,like,1700000100,-1
ana,p1,bo,share,1700000200,0.5
`), 0o644)

	ev, err := events.ReadCSV(path, events.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release() // the only value to release

	fmt.Println(ev.Len(), "events,", ev.NumPeople(), "people,", ev.NumItems(), "items, kinds", ev.Kinds)
	shares, _ := ev.Project("share", true)
	defer shares.Release()
	s := shares.Simple()
	for u := int32(0); int(u) < s.N; u++ {
		nbr, w := s.Out(u)
		for k, v := range nbr {
			fmt.Printf("%s -> %s shared %v times\n", ev.People.String(u), ev.People.String(v), w[k])
		}
	}
	// Output:
	// 4 events, 3 people, 2 items, kinds [like share]
	// ana -> bo shared 1 times
	// cy -> bo shared 1 times
}

func ExampleReadCSV_errors() {
	dir, _ := os.MkdirTemp("", "events-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "events.csv")
	os.WriteFile(path, []byte("actor,item,author,kind,time\nana,p1,bo,like,yesterday\n"), 0o644)
	_, err := events.ReadCSV(path, events.Options{})
	var pe *events.ParseError // the error names the file (pe.File), the line and what was wrong
	if errors.As(err, &pe) {
		fmt.Printf("line %d: %s\n", pe.Line, pe.Msg)
	}
	// Output:
	// line 2: column "time": "yesterday" is not a time: want Unix seconds or a date-time such as 2006-01-02T15:04:05Z
}

// Events added one at a time, as a platform reader does.
func ExampleBuilder() {
	b := events.NewBuilder()
	b.Add("did:plc:ana", "at://did:plc:bo/app.bsky.feed.post/1", "did:plc:bo", "like", 1725000000)
	b.Add("did:plc:cy", "at://did:plc:bo/app.bsky.feed.post/1", "did:plc:bo", "share", 1725000060)
	ev, err := b.Build("capture.jsonl", events.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()
	fmt.Println(ev.Len(), "events,", ev.NumPeople(), "people, kinds", ev.Kinds)
	// Output:
	// 2 events, 3 people, kinds [like share]
}

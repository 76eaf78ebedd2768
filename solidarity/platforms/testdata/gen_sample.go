//go:build ignore

// gen_sample writes testdata/bluesky/sample.jsonl.gz: a seeded simulated
// world (solidarity/simulate, 400 accounts in two groups, comradeship
// planted) written as Bluesky Jetstream lines, with the deletions,
// identity events and profile updates a real capture holds; and
// testdata/bluesky/sample_groups.csv, the planted groups, which a real
// export never has (the notebook compares against them).
//
//	go run solidarity/platforms/testdata/gen_sample.go
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func main() {
	cfg := simulate.DefaultConfig()
	cfg.Actors, cfg.Days, cfg.Seed = 400, 5, 11
	r, err := simulate.Run(cfg)
	if err != nil {
		panic(err)
	}
	did := func(i int32) string { return fmt.Sprintf("did:plc:sim%05d", i) }
	uri := func(item int32) string {
		return fmt.Sprintf("at://%s/app.bsky.feed.post/3item%06d", did(r.ItemAuthor[item]), item)
	}
	type line struct {
		t   int64
		rec map[string]any
	}
	var out []line
	rkey := 0
	commit := func(actor int32, t int64, coll string, rec map[string]any) {
		rkey++
		rec["$type"] = coll
		out = append(out, line{t, map[string]any{"did": did(actor), "time_us": t*1_000_000 + int64(rkey%1000), "kind": "commit",
			"commit": map[string]any{"rev": fmt.Sprintf("3l%08d", rkey), "operation": "create", "collection": coll,
				"rkey": fmt.Sprintf("3r%07d", rkey), "record": rec, "cid": fmt.Sprintf("bafyrei%010d", rkey)}}})
	}
	ref := func(item int32) map[string]any { return map[string]any{"uri": uri(item), "cid": "bafyreiref"} }
	// Posts: every item, at its posting time.
	for it := range r.ItemAuthor {
		rec := map[string]any{"text": "post", "langs": []string{"en"}}
		rkey++
		rec["$type"] = "app.bsky.feed.post"
		out = append(out, line{r.ItemTime[it], map[string]any{"did": did(r.ItemAuthor[it]), "time_us": r.ItemTime[it] * 1_000_000, "kind": "commit",
			"commit": map[string]any{"rev": fmt.Sprintf("3l%08d", rkey), "operation": "create", "collection": "app.bsky.feed.post",
				"rkey": fmt.Sprintf("3item%06d", it), "record": rec, "cid": "bafyreipost"}}})
	}
	for k := range r.Actor {
		a, it, t := r.Actor[k], r.Item[k], r.Time[k]
		switch r.KindName(r.Kind[k]) {
		case "like":
			commit(a, t, "app.bsky.feed.like", map[string]any{"subject": ref(it)})
		case "share":
			commit(a, t, "app.bsky.feed.repost", map[string]any{"subject": ref(it)})
		case "reply":
			commit(a, t, "app.bsky.feed.post", map[string]any{"text": "reply", "reply": map[string]any{"root": ref(it), "parent": ref(it)}})
		}
	}
	t0 := r.ItemTime[0]
	for _, t := range r.ItemTime {
		t0 = min(t0, t)
	}
	for k := range r.FollowSrc {
		commit(r.FollowSrc[k], t0-3600, "app.bsky.graph.follow", map[string]any{"subject": did(r.FollowDst[k])})
	}
	// What a real capture also holds: deletions, identity events, profiles.
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 60; i++ {
		a := int32(rng.IntN(cfg.Actors))
		t := t0 + int64(rng.IntN(cfg.Days*86400))
		rkey++
		out = append(out, line{t, map[string]any{"did": did(a), "time_us": t * 1_000_000, "kind": "commit",
			"commit": map[string]any{"rev": fmt.Sprintf("3l%08d", rkey), "operation": "delete", "collection": "app.bsky.feed.like", "rkey": fmt.Sprintf("3r%07d", rng.IntN(rkey))}}})
		out = append(out, line{t, map[string]any{"did": did(a), "time_us": t*1_000_000 + 1, "kind": "identity",
			"identity": map[string]any{"did": did(a), "handle": fmt.Sprintf("user%d.bsky.social", a), "seq": rkey}}})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].t < out[j].t })
	f, err := os.Create("solidarity/platforms/testdata/bluesky/sample.jsonl.gz")
	if err != nil {
		panic(err)
	}
	z, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(z)
	for _, l := range out {
		if c, ok := l.rec["commit"].(map[string]any); ok {
			if rec, ok := c["record"].(map[string]any); ok {
				rec["createdAt"] = time.Unix(l.t, 0).UTC().Format("2006-01-02T15:04:05.000Z")
			}
		}
		b, _ := json.Marshal(l.rec)
		w.Write(b)
		w.WriteByte('\n')
	}
	w.Flush()
	z.Close()
	f.Close()
	g, _ := os.Create("solidarity/platforms/testdata/bluesky/sample_groups.csv")
	fmt.Fprintln(g, "id,group,leaning")
	for i := int32(0); i < int32(cfg.Actors); i++ {
		fmt.Fprintf(g, "%s,%d,%.3f\n", did(i), r.Group[i], r.Leaning[i])
	}
	g.Close()
	fmt.Printf("%d lines, %d events simulated, %d items, %d follows\n", len(out), r.Len(), len(r.ItemAuthor), len(r.FollowSrc))
}

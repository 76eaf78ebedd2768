// Command platforms generates a large Reddit-style NDJSON export (Pushshift
// comment and submission records, about 1 KB each, as the dumps hold them)
// and times reading it with the platforms package: wall and CPU seconds,
// peak resident memory, events and skip counts. The file is written once
// into -dir and never committed.
//
//	go run ./bench/platforms -dir /tmp/solidarity-bench -size 1GB
//	go run ./bench/platforms -size 1GB -format ndjson   # the generic reader, --map actor=author,item=id,author=author,time=created_utc
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/platforms"
)

func main() {
	dir := flag.String("dir", filepath.Join(os.TempDir(), "solidarity-bench"), "scratch `DIR` for the generated export")
	size := flag.String("size", "1GB", "size of the export (MB or GB)")
	users := flag.Int("users", 200000, "distinct authors")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the reading to `FILE`")
	format := flag.String("format", "reddit", "reader: reddit, or ndjson (the generic reader with a map onto the Reddit fields)")
	flag.Parse()
	bytes, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	path := filepath.Join(*dir, fmt.Sprintf("reddit-%s.ndjson", strings.ToLower(*size)))
	if st, err := os.Stat(path); err != nil || st.Size() < bytes {
		t0 := time.Now()
		if err := generate(path, bytes, *users); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("generated %s in %.1f s\n", path, time.Since(t0).Seconds())
	}
	st, _ := os.Stat(path)
	if *prof != "" {
		pf, err := os.Create(*prof)
		if err == nil {
			pprof.StartCPUProfile(pf)
			defer pprof.StopCPUProfile()
		}
	}
	t0, c0 := time.Now(), cpu()
	next := int64(0)
	opt := platforms.Options{Progress: func(read, total int64) {
		if read >= next {
			fmt.Fprintf(os.Stderr, "\rread %d of %d MB", read>>20, total>>20)
			next = read + 100<<20
		}
	}}
	switch *format {
	case "reddit":
	case "ndjson":
		opt.Map = map[string]string{"actor": "author", "item": "id", "author": "author", "time": "created_utc"}
	default:
		fmt.Fprintf(os.Stderr, "-format %q: want reddit or ndjson\n", *format)
		os.Exit(2)
	}
	ev, rep, err := platforms.Read(path, *format, opt)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	wall, used := time.Since(t0).Seconds(), cpu()-c0
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("file %.2f GB, %d records -> %d events, %d people, %d items\n", float64(st.Size())/1e9, rep.Records, ev.Len(), ev.NumPeople(), ev.NumItems())
	fmt.Printf("read in %.1f s wall, %.1f s CPU (%.0f MB/s), peak RSS %d MB, heap in use after %d MB, GOMAXPROCS %d\n",
		wall, used, float64(st.Size())/1e6/wall, peakRSS()>>20, ms.HeapInuse>>20, runtime.GOMAXPROCS(0))
	fmt.Println(rep)
	ev.Release()
	pprof.StopCPUProfile()
}

func parseSize(s string) (int64, error) {
	u := strings.ToUpper(s)
	mult := int64(1)
	switch {
	case strings.HasSuffix(u, "GB"):
		mult, u = 1<<30, strings.TrimSuffix(u, "GB")
	case strings.HasSuffix(u, "MB"):
		mult, u = 1<<20, strings.TrimSuffix(u, "MB")
	}
	v, err := strconv.ParseFloat(u, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("-size %q: want a size such as 1GB or 200MB", s)
	}
	return int64(v * float64(mult)), nil
}

var words = strings.Fields("solidarity union strike picket mutual aid comrade vote share like reply thread news policy housing rent wage climate transit school nurse worker tenant organise meeting rally")

// generate writes submissions and comments in the Pushshift layout: one
// submission per 20 comments; comments answer the submission or an
// earlier comment; 2% of authors are [deleted]; 1% of parents are outside
// the file.
func generate(path string, size int64, users int) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	var written int64
	t := int64(1600000000)
	var subs, coms []string
	enc := json.NewEncoder(w)
	user := func() string {
		if rng.Float64() < 0.02 {
			return "[deleted]"
		}
		return "user" + strconv.Itoa(int(rng.ExpFloat64()*float64(users)/8)%users)
	}
	body := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		return b.String()
	}
	for i := 0; written < size; i++ {
		t += int64(rng.IntN(3))
		rec := map[string]any{"subreddit": "solidarity" + strconv.Itoa(rng.IntN(50)), "subreddit_id": "t5_2qh" + strconv.Itoa(rng.IntN(50)),
			"score": rng.IntN(100), "controversiality": 0, "gilded": 0, "stickied": false, "retrieved_on": t + 86400,
			"author_flair_text": nil, "author_flair_css_class": nil, "distinguished": nil, "edited": false,
			"created_utc": t, "author": user()}
		if i%21 == 0 || len(subs) == 0 {
			id := strconv.FormatInt(int64(i), 36)
			rec["id"], rec["name"], rec["title"], rec["selftext"] = id, "t3_"+id, body(12), body(80)
			rec["num_comments"], rec["url"], rec["domain"], rec["permalink"] = rng.IntN(50), "https://example.org/"+id, "self.solidarity", "/r/solidarity/comments/"+id
			subs = append(subs, "t3_"+id)
		} else {
			id := "c" + strconv.FormatInt(int64(i), 36)
			link := subs[len(subs)-1-rng.IntN(min(len(subs), 50))]
			parent := link
			if len(coms) > 0 && rng.Float64() < 0.6 {
				parent = coms[len(coms)-1-rng.IntN(min(len(coms), 500))]
			}
			if rng.Float64() < 0.01 {
				parent = "t1_gone" + strconv.Itoa(i)
			}
			rec["id"], rec["link_id"], rec["parent_id"], rec["body"] = id, link, parent, body(90)
			rec["permalink"] = "/r/solidarity/comments/" + link[3:] + "/_/" + id
			coms = append(coms, "t1_"+id)
			if len(coms) > 1000 {
				coms = coms[500:]
			}
		}
		if len(subs) > 1000 {
			subs = subs[500:]
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
		written = int64(w.Buffered()) + written0(f)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func written0(f *os.File) int64 {
	off, _ := f.Seek(0, 1)
	return off
}

func cpu() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

func peakRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss << 10 // KiB on Linux
}

package events

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestContentColumns(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	p := filepath.Join(t.TempDir(), "e.csv")
	// The text "42" must stay text, and an empty url reads as "".
	data := "actor,item,author,kind,time,text,url\na,1,a,post,10,\"hello, world\",https://ex.org\nb,2,b,post,11,42,\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	ev, err := ReadCSV(p, Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if !ev.HasText() || !ev.HasURL() {
		t.Fatal("content columns not found")
	}
	if ev.Text(0) != "hello, world" || ev.URL(0) != "https://ex.org" || ev.Text(1) != "42" || ev.URL(1) != "" {
		t.Errorf("text %q %q, url %q %q", ev.Text(0), ev.Text(1), ev.URL(0), ev.URL(1))
	}
	// Renamed columns, and "-" to ignore one.
	ev2, err := ReadCSV(p, Options{Mem: mem, Columns: Columns{Text: "-", URL: "text"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ev2.Release()
	if ev2.HasText() || ev2.URL(0) != "hello, world" {
		t.Errorf("renamed: has text %v, url %q", ev2.HasText(), ev2.URL(0))
	}
	// Builder: content only once asked for.
	b := NewBuilder()
	b.Add("a", "1", "a", "post", 1)
	b.Add("b", "2", "b", "post", 2)
	b.SetContent(1, "copied text", "https://ex.org/x")
	b.Add("c", "3", "c", "like", 3)
	b.Keep(func(i int) bool { return i != 0 })
	ev3, err := b.Build("built", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer ev3.Release()
	if ev3.Text(0) != "copied text" || ev3.URL(0) != "https://ex.org/x" || ev3.Text(1) != "" {
		t.Errorf("builder content %q %q %q", ev3.Text(0), ev3.URL(0), ev3.Text(1))
	}
}

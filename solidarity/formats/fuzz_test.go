package formats

import (
	"bytes"
	"os"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The fuzz targets feed arbitrary bytes to each text reader: it may return
// an error but must not panic, and must not leak Arrow memory.
//
//	go test -run '^$' -fuzz FuzzReadGML -fuzztime 20s ./solidarity/formats

func fuzzRead(t *testing.T, data []byte, name string, opt Options) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	opt.Mem = mem
	opt.MaxDecompressed = 1 << 20
	n, err := ReadFrom(bytes.NewReader(data), name, opt)
	if err == nil {
		_ = n.Report()
		n.Release()
	} else if len(err.Error()) == 0 {
		t.Fatal("empty error message")
	}
	mem.AssertSize(t, 0)
}

func seedFile(f *testing.F, path string) {
	if b, err := os.ReadFile(path); err == nil {
		if len(b) > 4096 {
			b = b[:4096]
		}
		f.Add(b)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("source,target,weight\n1,2,0.5\n2,3,1\n"))
	f.Add([]byte("from,to,kind\n\"a\",\"b, c\",x\nb,a,\n"))
	f.Add([]byte("1,2\n3,4,5\n"))
	f.Add([]byte("source,target\n\"1,2\n"))
	f.Add([]byte("source,target,time\n9223372036854775807,-1,1e400\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.csv", Options{})
		fuzzRead(t, data, "f.tsv", Options{})
	})
}

func FuzzReadSNAP(f *testing.F) {
	f.Add([]byte("# comment\n1 2\n2 3 4\n"))
	f.Add([]byte("1 2 1082040961\n3 4 1082155839\n"))
	f.Add([]byte("a b\nb c\n"))
	f.Add([]byte("1\t2\t0.5\t7\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.txt", Options{Format: SNAP})
		fuzzRead(t, data, "f.txt", Options{})
	})
}

func FuzzReadGML(f *testing.F) {
	f.Add([]byte("graph [ directed 1 node [ id 1 label \"a&#38;b\" ] node [ id 2 ] edge [ source 1 target 2 value 3 ] ]"))
	f.Add([]byte("Creator \"x\"\ngraph\n[\n node\n [\n id 0\n graphics [ x 1.5 ]\n ]\n]\n"))
	seedFile(f, "testdata/fuzz_seed.gml")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.gml", Options{})
	})
}

func FuzzReadGraphML(f *testing.F) {
	seedFile(f, "testdata/small_directed.graphml")
	f.Add([]byte(`<graphml><key id="d0" for="node" attr.name="x" attr.type="int"><default>3</default></key><graph edgedefault="undirected"><node id="1"/><node id="2"><data key="d0">5</data></node><edge source="1" target="2"/></graph></graphml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.graphml", Options{})
	})
}

func FuzzReadPajek(f *testing.F) {
	f.Add([]byte("*Vertices 3\n1 \"a\"\n2 \"b\"\n*Arcs\n1 2 1\n2 3\n*Edges\n1 3\n"))
	f.Add([]byte("*Network x\n*Vertices 2\n*arcs :1 \"r\"\n*arcs\n1: 1 2 1\n*Partition p.clu\n*Vertices 2\n1\n2\n"))
	f.Add([]byte("*Vertices 2\n*Matrix\n0 1\n1 0\n*Arcslist\n1 2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.paj", Options{})
	})
}

// FuzzReadParquet mutates a valid Parquet file (footer and pages): arrow-go
// trusts sizes inside it, so a reader that does not check panics or asks
// for gigabytes.
func FuzzReadParquet(f *testing.F) {
	good := parquetBytes(f)
	f.Add(good)
	b := bytes.Clone(good)
	b[len(b)-20] ^= 0xff
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.parquet", Options{})
	})
}

package display_test

import (
	"fmt"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/algosolidarity/toolkit/solidarity/display"
)

func ExampleTable() {
	t := display.NewTable("Homophily by leaning", "index", "value", "n")
	t.AddRow("assortativity r", 0.8213620, 1490)
	t.AddRow("jackknife s.e.", 0.00402, 1490)
	t.AddRow("E-I index", display.Undefined{Reason: "E-I index: no edges were read"}, 0)
	fmt.Print(t)
	// Output:
	// Homophily by leaning
	// index               value     n
	// ───────────────  ────────  ────
	// assortativity r  0.821362  1490
	// jackknife s.e.   0.004020  1490
	// E-I index         NaN (1)     0
	// (1) E-I index: no edges were read
}

func ExampleNewMatrix() {
	m := display.NewMatrix("Mixing matrix (edges)", "from \\ to",
		[]string{"liberal", "conservative"}, []string{"liberal", "conservative"},
		[][]float64{{7304, 526}, {599, 8081}})
	fmt.Print(m.Markdown())
	// Output:
	// **Mixing matrix (edges)**
	//
	// | from \\ to | liberal | conservative |
	// |:---|---:|---:|
	// | liberal | 7304 | 526 |
	// | conservative | 599 | 8081 |
}

func ExampleTable_HTML() {
	t := display.NewTable("", "blog", "leaning")
	t.AddRow("<b>atrios</b>", "liberal")
	t.Limits.MaxRows = 1
	h := t.HTML()
	fmt.Println(h[strings.Index(h, "<tbody>"):strings.Index(h, "</tbody>")])
	// Output:
	// <tbody>
	// <tr><td class="str">&lt;b&gt;atrios&lt;/b&gt;</td><td class="str">liberal</td></tr>
}

func ExampleFromDataFrame() {
	df := dataframe.New(
		series.New([]string{"alice", "bob", "carol"}, series.String, "actor"),
		series.New([]float64{0.25, -0.5, 1}, series.Float, "leaning"),
	)
	fmt.Print(display.FromDataFrame("actors", df))
	// Output:
	// actors
	// shape: (3, 2)
	// actor  leaning
	// ─────  ───────
	// alice     0.25
	// bob      -0.50
	// carol     1.00
}

package display

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// FromDataFrame returns a table of a gota data frame: its column names,
// gota's type names ("int", "float", "string", "bool"), NA as "null", and
// the shape line. The cells are copied; of a frame longer than 1000 rows,
// only the first and last 500 are. A frame holding an error (df.Err) gives a
// table whose note is that error.
func FromDataFrame(title string, df dataframe.DataFrame) *Table {
	t := &Table{Title: title, ShowShape: true}
	if df.Err != nil {
		t.Notes = []string{"display: data frame error: " + df.Err.Error()}
		return t
	}
	t.Columns = df.Names()
	for _, ty := range df.Types() {
		t.Types = append(t.Types, string(ty))
	}
	digits := DefaultLimits.FloatDigits
	rows, gapAt, gapLen := keptRows(df.Nrow())
	t.gapAt, t.gapLen = gapAt, gapLen
	ncol := df.Ncol()
	t.Rows = make([][]string, len(rows))
	for k, i := range rows {
		row := make([]string, ncol)
		for j := 0; j < ncol; j++ {
			e := df.Elem(i, j)
			switch {
			case e.IsNA():
				row[j] = Null
			case e.Type() == series.Float:
				row[j] = FormatFloat(e.Float(), digits)
			default:
				row[j] = e.String()
			}
		}
		t.Rows[k] = row
	}
	return t
}

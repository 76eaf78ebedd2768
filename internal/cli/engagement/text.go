package engagement

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// textOf renders a result for a terminal: every number and short list as
// "key: value" lines, nested objects as dotted keys, long lists as a count
// (the --json output has them in full).
func textOf(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return err.Error() + "\n"
	}
	var m any
	if err := json.Unmarshal(data, &m); err != nil {
		return err.Error() + "\n"
	}
	var lines [][2]string
	flatten("", m, &lines)
	width := 0
	for _, l := range lines {
		width = max(width, len(l[0]))
	}
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, l[0], l[1])
	}
	return b.String()
}

func flatten(prefix string, v any, out *[][2]string) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(p, x[k], out)
		}
	case []any:
		short := len(x) <= 8
		for _, e := range x {
			switch e.(type) {
			case map[string]any, []any:
				short = short && len(x) <= 3
			}
		}
		if !short {
			*out = append(*out, [2]string{prefix, fmt.Sprintf("[%d entries; see --json]", len(x))})
			return
		}
		data, _ := json.Marshal(x)
		*out = append(*out, [2]string{prefix, string(data)})
	case nil:
		*out = append(*out, [2]string{prefix, "undefined"})
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			*out = append(*out, [2]string{prefix, fmt.Sprintf("%d", int64(x))})
		} else {
			*out = append(*out, [2]string{prefix, fmt.Sprintf("%.6g", x)})
		}
	default:
		*out = append(*out, [2]string{prefix, fmt.Sprint(x)})
	}
}

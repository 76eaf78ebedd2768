package engagement

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// textOf renders a result for a terminal as a two-column table: the keys
// of its JSON (dotted for nested objects) and right-aligned values. The
// rows named in lead come first, in that order (a lead key also takes the
// keys below it: "overall" takes "overall.p_return"); the others follow in
// the order the result declares them, not alphabetically. An estimate and
// its interval share a row ("lift  1.843  [1.621, 2.095]"); an undefined
// value says why when its object has a "reason"; long lists show their length
// (the --json output has them in full).
func textOf(v any, lead []string) string {
	data, err := json.Marshal(v)
	if err != nil {
		return err.Error() + "\n"
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	root, err := decode(dec)
	if err != nil {
		return err.Error() + "\n"
	}
	var rows []row
	flatten("", root, "", &rows)
	rows = order(rows, lead)
	kw, vw := 0, 0
	for i := range rows {
		// Long values (lists of names) go to the note column, so they do
		// not push the column of numbers to the right.
		if r := &rows[i]; len(r.value) > 14 && r.note == "" {
			r.value, r.note = "", r.value
		}
	}
	for _, r := range rows {
		kw, vw = max(kw, len(r.key)), max(vw, len(r.value))
	}
	var b strings.Builder
	for _, r := range rows {
		line := fmt.Sprintf("  %-*s  %*s", kw, r.key, vw, r.value)
		if r.note != "" {
			line += "  " + r.note
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}

// row is one line: the key, the value (right-aligned) and a note (an
// interval, or why the value is undefined).
type row struct{ key, value, note string }

// field is one member of a JSON object, in document order.
type field struct {
	key string
	val any
}

// decode reads one JSON value keeping the order of object members:
// objects become []field, arrays []any, numbers json.Number.
func decode(dec *json.Decoder) (any, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t {
	case json.Delim('{'):
		var obj []field
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decode(dec)
			if err != nil {
				return nil, err
			}
			obj = append(obj, field{k.(string), v})
		}
		_, err = dec.Token()
		return obj, err
	case json.Delim('['):
		arr := []any{}
		for dec.More() {
			v, err := decode(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err = dec.Token()
		return arr, err
	}
	return t, nil
}

func flatten(prefix string, v any, reason string, out *[]row) {
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch x := v.(type) {
	case []field:
		reason = "" // an object's undefined values take its own reason only
		for _, f := range x {
			if f.key == "reason" {
				if s, ok := f.val.(string); ok && s != "" {
					reason = s
				}
			}
		}
		for i, f := range x {
			// An interval right after its estimate joins its row.
			if i > 0 && f.key == x[i-1].key+"_ci" && len(*out) > 0 && (*out)[len(*out)-1].key == join(x[i-1].key) {
				if lo, hi, ok := pair(f.val); ok {
					r := &(*out)[len(*out)-1]
					if r.note == "" {
						r.note = "[" + lo + ", " + hi + "]"
						continue
					}
				}
			}
			flatten(join(f.key), f.val, reason, out)
		}
	case []any:
		// A list of sentences (caveats) gets a row each.
		sentences := len(x) > 0
		for _, e := range x {
			str, ok := e.(string)
			sentences = sentences && ok && len(str) > 16
		}
		if sentences {
			for i, e := range x {
				*out = append(*out, row{key: fmt.Sprintf("%s[%d]", prefix, i+1), note: e.(string)})
			}
			return
		}
		if objects(x) {
			// A list of records (clusters, groups, edges): the first few,
			// one row each with their scalar fields.
			for i, e := range x[:min(len(x), maxRecordsShown)] {
				*out = append(*out, row{key: fmt.Sprintf("%s[%d]", prefix, i+1), note: recordLine(e.([]field))})
			}
			if len(x) > maxRecordsShown {
				*out = append(*out, row{key: prefix, value: fmt.Sprintf("%d entries", len(x)), note: fmt.Sprintf("(%d more in --json)", len(x)-maxRecordsShown)})
			}
			return
		}
		short := len(x) <= 8
		for _, e := range x {
			switch e.(type) {
			case []field, []any:
				short = false
			}
		}
		if !short {
			*out = append(*out, row{key: prefix, value: fmt.Sprintf("%d entries", len(x)), note: "(see --json)"})
			return
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = scalar(e)
		}
		*out = append(*out, row{key: prefix, value: "[" + strings.Join(parts, ", ") + "]"})
	case nil:
		r := row{key: prefix, value: "undefined"}
		if reason != "" {
			r.note = "(" + reason + ")"
		}
		*out = append(*out, r)
	default:
		// Sentences (reasons, formulas) go to the note column, so they do
		// not widen the column of numbers.
		if s, ok := x.(string); ok && (len(s) > 16 || prefix == "reason" || strings.HasSuffix(prefix, ".reason")) {
			*out = append(*out, row{key: prefix, note: s})
			return
		}
		*out = append(*out, row{key: prefix, value: scalar(x)})
	}
}

// maxRecordsShown bounds the records of a list shown on a terminal.
const maxRecordsShown = 5

// entries counts the records of a list.
func entries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

// objects reports whether every element of a non-empty list is an object.
func objects(x []any) bool {
	for _, e := range x {
		if _, ok := e.([]field); !ok {
			return false
		}
	}
	return len(x) > 0
}

// recordLine writes one record as "key value, key value": scalars as they
// are, short lists of scalars in brackets (the first 8 of longer ones),
// nested records and lists of them by their number.
func recordLine(obj []field) string {
	parts := make([]string, 0, len(obj))
	for _, f := range obj {
		var v string
		switch x := f.val.(type) {
		case []field:
			v = "{…}"
		case []any:
			if objects(x) {
				v = entries(len(x))
				break
			}
			n := min(len(x), 8)
			items := make([]string, n)
			for i, e := range x[:n] {
				items[i] = scalar(e)
			}
			if len(x) > n {
				items = append(items, fmt.Sprintf("… %d more", len(x)-n))
			}
			v = "[" + strings.Join(items, ", ") + "]"
		default:
			v = scalar(x)
			if r := []rune(v); len(r) > 60 {
				v = string(r[:59]) + "…"
			}
		}
		parts = append(parts, f.key+" "+v)
	}
	return strings.Join(parts, ", ")
}

// pair reads a two-number array (an interval) as text.
func pair(v any) (lo, hi string, ok bool) {
	a, ok := v.([]any)
	if !ok || len(a) != 2 {
		return "", "", false
	}
	return scalar(a[0]), scalar(a[1]), true
}

// scalar writes a JSON scalar: integers as they are, other numbers with
// four significant digits (three decimals below 100), null as "undefined".
func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return "undefined"
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return strconv.FormatInt(i, 10)
		}
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		switch a := math.Abs(f); {
		case a == math.Trunc(a) && a < 1e15:
			return strconv.FormatFloat(f, 'f', 0, 64)
		case a < 1e-3:
			return strconv.FormatFloat(f, 'g', 3, 64)
		case a < 100:
			return strconv.FormatFloat(f, 'f', 3, 64)
		default:
			return strconv.FormatFloat(f, 'f', 1, 64)
		}
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// order puts the rows named by lead first, in lead's order; the rest keep
// their order.
func order(rows []row, lead []string) []row {
	out := make([]row, 0, len(rows))
	used := make([]bool, len(rows))
	for _, l := range lead {
		for i, r := range rows {
			if !used[i] && (r.key == l || strings.HasPrefix(r.key, l+".") || strings.HasPrefix(r.key, l+"[")) {
				out = append(out, r)
				used[i] = true
			}
		}
	}
	for i, r := range rows {
		if !used[i] {
			out = append(out, r)
		}
	}
	return out
}

package figures

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// checkFinite returns an error naming arg and the first index whose value
// is NaN or ±Inf, or when xs is empty.
func checkFinite(fn, arg string, xs []float64) error {
	if len(xs) == 0 {
		return fmt.Errorf("figures: %s: %s is empty", fn, arg)
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("figures: %s: %s[%d] is %v; want a finite number", fn, arg, i, x)
		}
	}
	return nil
}

// checkNotInf allows NaN (an undefined value, drawn as "n/a") but not ±Inf.
func checkNotInf(fn, arg string, xs []float64) error {
	for i, x := range xs {
		if math.IsInf(x, 0) {
			return fmt.Errorf("figures: %s: %s[%d] is %v; want a finite number or NaN for undefined", fn, arg, i, x)
		}
	}
	return nil
}

func checkLen(fn, arg string, got, want int, wantArg string) error {
	if got != want {
		return fmt.Errorf("figures: %s: %s has %d values but %s has %d", fn, arg, got, wantArg, want)
	}
	return nil
}

// fmtNum formats a value for an annotation: integers with thousands
// separators, others with three significant digits.
func fmtNum(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return thousands(int64(v))
	}
	a := math.Abs(v)
	if a >= 1000 {
		return thousands(int64(math.Round(v)))
	}
	if a >= 1e-3 {
		// three significant digits, without an exponent
		d := max(0, 2-int(math.Floor(math.Log10(a))))
		s := strconv.FormatFloat(v, 'f', d, 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// fmtP formats a p-value for a title.
func fmtP(p float64) string {
	switch {
	case math.IsNaN(p):
		return "n/a"
	case p < 0.001:
		return "< 0.001"
	}
	return "= " + strconv.FormatFloat(p, 'f', 3, 64)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

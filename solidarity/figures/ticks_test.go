package figures

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/plot"
)

func labelled(ts []plot.Tick) []string {
	var out []string
	for _, t := range ts {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestTicks(t *testing.T) {
	cases := []struct {
		name     string
		ticker   plot.Ticker
		min, max float64
		want     []string
	}{
		// log10 axis from 1 to 10^6
		{"log decades", log10Ticks{}, 0, 6, []string{"1", "10", "100", "1,000", "10,000", "100,000", "1,000,000"}},
		// less than a decade: 2 and 5 are labelled too
		{"log short", log10Ticks{}, math.Log10(1.5), math.Log10(30), []string{"2", "5", "10", "20"}},
		{"log small", log10Ticks{}, -3, -1, []string{"0.001", "0.01", "0.1"}},
		// span 1 -> raw step 0.2 -> step 0.2
		{"nice 0..1", niceTicks{}, 0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		// span 2.2 -> raw 0.44 -> step 0.5
		{"nice -1..1.2", niceTicks{}, -1, 1.2, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0"}},
		{"nice thousands", niceTicks{}, 0, 12000, []string{"0", "2,500", "5,000", "7,500", "10,000"}},
		// span 0.026 -> raw 0.0052 -> step 0.01 gives two labels; 0.005 three or more
		{"nice narrow", niceTicks{}, 0.032, 0.058, []string{"0.035", "0.040", "0.045", "0.050", "0.055"}},
		// 2024-05-01 is day 19844; 21 days: weekly ticks on Mondays
		{"days", dayTicks{}, 19844, 19864, []string{"2024-05-06", "2024-05-13", "2024-05-20"}},
		{"ranks", rankTicks{max: 8}, -9, 0, []string{"1", "2", "3", "4", "5", "6", "7", "8"}},
		{"ranks 50", rankTicks{max: 50}, -51, 0, []string{"1", "5", "10", "15", "20", "25", "30", "35", "40", "45", "50"}},
	}
	for _, c := range cases {
		if got := labelled(c.ticker.Ticks(c.min, c.max)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: labels %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFormat(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{1234567, "1,234,567"}, {-1200, "-1,200"}, {0, "0"}, {0.081, "0.081"}, {0.8123, "0.812"},
		{12.345, "12.3"}, {2.5, "2.5"}, {1234.5, "1,235"}, {0.00012, "0.00012"}, {math.NaN(), "n/a"},
	}
	for _, c := range cases {
		if got := fmtNum(c.v); got != c.want {
			t.Errorf("fmtNum(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	for p, want := range map[float64]string{0.0004: "< 0.001", 0.05: "= 0.050", 1: "= 1.000"} {
		if got := fmtP(p); got != want {
			t.Errorf("fmtP(%v) = %q, want %q", p, got, want)
		}
	}
}

// TestLogTicksAtLeastThree: every log axis shows at least three labels,
// whatever its range, and every label lies inside the range.
func TestLogTicksAtLeastThree(t *testing.T) {
	ranges := [][2]float64{
		{5, 9}, {5, 6}, {4.1, 5.9}, {50, 70}, {1, 2}, {1, 10}, {1, 1e6}, {0.5, 3}, {3e-4, 2e-3},
		{1, 1e15}, {0.999, 1.001}, {1e-12, 1}, {7, 7.4},
	}
	for _, r := range ranges {
		lo, hi := math.Log10(r[0]), math.Log10(r[1])
		ts := log10Ticks{}.Ticks(lo, hi)
		n := 0
		for _, tk := range ts {
			if tk.Value < lo-1e-9 || tk.Value > hi+1e-9 {
				t.Errorf("[%g, %g]: tick %v outside the range", r[0], r[1], tk)
			}
			if tk.Label != "" {
				n++
			}
		}
		if n < 3 || n > 12 {
			t.Errorf("[%g, %g]: %d labels %q; want 3 to 12", r[0], r[1], n, labelled(ts))
		}
	}
	// the degree-correlation case that showed only "5"
	if got, want := labelled(log10Ticks{}.Ticks(math.Log10(4.1), math.Log10(6.6))), []string{"5", "6"}; len(got) < 3 {
		t.Errorf("[4.1, 6.6]: labels %q (was %q); want at least three", got, want)
	}
	if got, want := labelled(log10Ticks{}.Ticks(math.Log10(5), math.Log10(9))), []string{"5", "6", "7", "8", "9"}; !reflect.DeepEqual(got, want) {
		t.Errorf("[5, 9]: labels %q, want %q", got, want)
	}
	if got, want := labelled(log10Ticks{}.Ticks(math.Log10(5), math.Log10(6))), []string{"5.0", "5.2", "5.4", "5.6", "5.8", "6.0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("[5, 6]: labels %q, want %q", got, want)
	}
}

package overtime_test

import (
	"fmt"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/overtime"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
)

// The event-study view: the share of engagements returned within an hour
// in the day before and the day after a date.
func ExampleBetween() {
	day := int64(86400)
	// Before the date, 1 engages 2 and 3 engages 4, unanswered; after it,
	// 5 engages 6 and 7 engages 8, both answered within a minute. A unit is
	// counted once its whole minute was seen before the window's last event.
	a := []int64{1, 3, 9, 5, 6, 7, 8, 9}
	au := []int64{2, 4, 10, 6, 5, 8, 7, 10}
	it := []int64{1, 2, 3, 4, 5, 6, 7, 8}
	tm := []int64{day / 2, day/2 + 100, day/2 + 500, day + 10, day + 40, day + 200, day + 230, day + 900}
	ev := eventstest.FromSlices(a, it, au, tm)
	ws, _ := overtime.Between(time.Unix(day, 0), time.Unix(2*day, 0))
	est, _ := overtime.Run(ev, ws, overtime.ReturnShare(reciprocal.Options{Window: 60}), nil)
	for _, e := range est {
		fmt.Printf("%s: %d events, returned %.2f\n", e.Label, e.Events, e.Value)
	}
	// Output:
	// before (baseline): 3 events, returned 0.00
	// after: 5 events, returned 1.00
}

// The event study's difference: a share of 0.2 [0.1, 0.35] before and 0.6
// [0.5, 0.7] after differ by 0.4, with the MOVER interval built from the
// two windows' intervals.
func ExampleDifference() {
	before := overtime.Estimate{Point: overtime.Point{Value: 0.2, Lo: 0.1, Hi: 0.35}}
	after := overtime.Estimate{Point: overtime.Point{Value: 0.6, Lo: 0.5, Hi: 0.7}}
	d := overtime.Difference(before, after)
	fmt.Printf("%.3f [%.3f, %.3f]\n", d.Value, d.Lo, d.Hi)
	// Output: 0.400 [0.220, 0.541]
}

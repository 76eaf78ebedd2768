// Command engagement times every engagement analysis on
// simulate.LargeConfig (1e6 actors, about 1e7 events), coordination with a
// timing null of -null redraws. Not part of the test run:
//
//	go run ./bench/engagement -null 9
//
// It prints one line per analysis: wall seconds, CPU seconds (user+sys),
// Go heap in use after it, and the peak resident set during it (Linux).
// -only runs one analysis (a prefix of its name, or "null"); -cpuprofile
// profiles the coordination null run.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

func cpu() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// resetPeak resets the process's peak resident set (Linux: writing 5 to
// clear_refs), so that peak() measures one analysis.
func resetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peak returns the peak resident set since the last resetPeak, in MiB
// (VmHWM; 0 where /proc is not there).
func peak() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb >> 10
		}
	}
	return 0
}

func main() {
	null := flag.Int("null", 9, "timing redraws for coordination")
	only := flag.String("only", "", "run only this analysis (comrades, reciprocity, trending, echo, coordination, null)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the coordination null run to this file")
	flag.Parse()
	t0, c0 := time.Now(), cpu()
	sim, err := simulate.Run(simulate.LargeConfig())
	if err != nil {
		log.Fatal(err)
	}
	ev, err := sim.Events(nil)
	if err != nil {
		log.Fatal(err)
	}
	fol, err := sim.FollowNetwork(nil)
	if err != nil {
		log.Fatal(err)
	}
	sim = nil
	runtime.GC()
	fmt.Printf("world: %d events, %d people: %.1f s (CPU %.1f s)\n", ev.Len(), ev.NumPeople(), time.Since(t0).Seconds(), cpu()-c0)
	run := func(name string, f func() error) {
		if *only != "" && !strings.HasPrefix(name, *only) && !(*only == "null" && strings.Contains(name, "--null")) {
			return
		}
		resetPeak()
		t0, c0 := time.Now(), cpu()
		if err := f(); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("%-28s %8.1f s wall %8.1f s CPU  heap %5d MiB  peak RSS %5d MiB\n", name, time.Since(t0).Seconds(), cpu()-c0, ms.HeapInuse>>20, peak())
		runtime.GC()
	}
	run("comrades (follows)", func() error {
		r, err := comrades.Analyze(ev, comrades.Options{Follows: fol})
		if err == nil && r.FixedEffects != nil {
			h := r.FixedEffects
			fmt.Printf("  headline %s %.4g (%s; %d cells, %d iterations; %s), bias-corrected %.4g\n", h.Model, float64(h.RateRatio), h.Effects, h.Cells, h.Iterations, h.Reason, float64(h.BiasCorrected))
		}
		return err
	})
	run("reciprocity", func() error { _, err := reciprocal.Analyze(ev, reciprocal.Options{}); return err })
	run("trending", func() error { _, err := trending.Analyze(ev, trending.Options{}); return err })
	run("echo", func() error { _, err := echo.Analyze(ev, echo.Options{}); return err })
	run("coordination", func() error { _, err := coordination.Analyze(ev, coordination.Options{}); return err })
	run(fmt.Sprintf("coordination --null %d", *null), func() error {
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		t0 := time.Now()
		r, err := coordination.Analyze(ev, coordination.Options{Null: *null, Follows: fol, Progress: func(done, total int) {
			if total == *null && done%10 == 0 {
				log.Printf("redraw %d/%d: %.0f s", done, total, time.Since(t0).Seconds())
			}
		}})
		if err == nil {
			sig := 0
			for _, t := range r.Tests {
				if t.Q < 0.05 {
					sig++
				}
			}
			fmt.Printf("  %d clusters, %d at q < 0.05 (window %g s)\n", len(r.Clusters), sig, r.Window)
		}
		return err
	})
}

package validate

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/interval"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/worlds"
)

// Level is the nominal false-positive rate of every detector: each
// declares a finding at the 5% level.
const Level = 0.05

// A Detector runs one analysis on a world and says whether it reports a
// finding (solidarity, or coordination) at the 5% level.
type Detector struct {
	Name string
	// Finds is what the detector looks for ("comradeship" or
	// "coordination"): every world that does not plant it is a null.
	Finds string
	// Rule is how the finding is declared, in a sentence.
	Rule string
	// Targets are the planted presets whose mechanism the detector is meant
	// to find; every null preset is a world where it must not.
	Targets []string
	// Caveat, when not empty, says what this detector is shown for (a
	// default the toolkit refuses, a naive rule kept for contrast).
	Caveat string
	run    func(w *worlds.World, o run) (found bool, estimate float64, err error)
}

// run are per-world settings of a detector.
type run struct {
	null int // coordination null redraws
	seed uint64
	// comrades holds the world's comrades result (exposure = follows,
	// mutual follows) once computed: three detectors read it.
	comrades *comradesOnce
}

type comradesOnce struct {
	r   *comrades.Result
	err error
	ok  bool
}

// Detectors are the analyses on the card.
var Detectors = []Detector{
	{Name: "comrades: fixed-effects ratio (headline)", Finds: "comradeship", Targets: []string{"comrade-mutual", "comrade-friends", "fast-groups"},
		Rule: "the 95% interval of the comrade ratio within actor, and within item among the actor's group, excludes 1 (fixed effects, one trial per exposure, " +
			"the interval spanning the cloglog and the logit fits; exposure = follows, comrades = mutual follows)",
		run: func(w *worlds.World, o run) (bool, float64, error) {
			r, err := comradesFollows(w, o)
			if err != nil {
				return false, math.NaN(), err
			}
			fe := r.FixedEffects
			return excludes1(float64(fe.CI[0]), float64(fe.CI[1])), float64(fe.RateRatio), nil
		}},
	{Name: "comrades: fixed-effects Poisson rate ratio", Finds: "comradeship", Targets: []string{"comrade-mutual", "comrade-friends", "fast-groups"},
		Rule:   "the 95% interval of the within-actor-and-author comrade rate ratio (two-way fixed-effects Poisson) excludes 1 (exposure = follows, comrades = mutual follows)",
		Caveat: "shown for contrast: the earlier headline, which assumes expected counts multiply and so drifts where engagement saturates",
		run: func(w *worlds.World, o run) (bool, float64, error) {
			r, err := comradesFollows(w, o)
			if err != nil {
				return false, math.NaN(), err
			}
			fe := r.PoissonFixedEffects
			return excludes1(float64(fe.CI[0]), float64(fe.CI[1])), float64(fe.RateRatio), nil
		}},
	{Name: "comrades: pooled lift", Finds: "comradeship", Targets: []string{"comrade-mutual", "comrade-friends", "fast-groups"},
		Rule:   "the 95% interval of the pooled lift excludes 1 (exposure = follows, comrades = mutual follows)",
		Caveat: "shown for contrast: the pooled lift compares exposures of different actors and authors",
		run: func(w *worlds.World, o run) (bool, float64, error) {
			r, err := comradesFollows(w, o)
			if err != nil {
				return false, math.NaN(), err
			}
			return excludes1(float64(r.LiftCI[0]), float64(r.LiftCI[1])), float64(r.Lift), nil
		}},
	{Name: "comrades: lift with exposure \"all\"", Finds: "comradeship", Targets: []string{"comrade-mutual"},
		Rule:   "the 95% interval of the same-group lift excludes 1 with every item counted as seen (no follow data)",
		Caveat: "shown for what it cannot do: the toolkit refuses this exposure model unless it is asked for by name",
		run: func(w *worlds.World, o run) (bool, float64, error) {
			ev, err := w.Events(nil)
			if err != nil {
				return false, math.NaN(), err
			}
			defer ev.Release()
			r, err := comrades.Analyze(ev, comrades.Options{Mode: comrades.ModeGroup, Exposure: comrades.ExposureAll, Seed: o.seed, MaxRows: 1, NoFixedEffects: true})
			if err != nil {
				return false, math.NaN(), err
			}
			return excludes1(float64(r.LiftCI[0]), float64(r.LiftCI[1])), float64(r.Lift), nil
		}},
	{Name: "coordination: clusters at q < 0.05", Finds: "coordination", Targets: []string{"cells"},
		Rule: "a cluster's co-engagement exceeds the timing null (who engaged what kept, delays permuted within actor and author or comradeship, the detector rerun on each of the redraws) at a Benjamini–Hochberg q < 0.05",
		run: func(w *worlds.World, o run) (bool, float64, error) {
			r, err := coordinationRun(w, o)
			if err != nil {
				return false, math.NaN(), err
			}
			n := 0
			for _, t := range r.Tests {
				if t.Q < Level {
					n++
				}
			}
			return n > 0, float64(n), nil
		}},
	{Name: "coordination: any cluster", Finds: "coordination", Targets: []string{"cells"},
		Rule:   "any pair co-engaged 3 items within the estimated window (no null model)",
		Caveat: "shown for contrast: the co-engagement network without a test",
		run: func(w *worlds.World, o run) (bool, float64, error) {
			o.null = 0
			r, err := coordinationRun(w, o)
			if err != nil {
				return false, math.NaN(), err
			}
			return len(r.Clusters) > 0, float64(len(r.Clusters)), nil
		}},
}

// isNull reports whether world p is a null for detector d: it plants
// nothing d looks for.
func isNull(p worlds.Preset, d Detector) bool { return !slices.Contains(p.Plants, d.Finds) }

func excludes1(lo, hi float64) bool { return lo > 1 || hi < 1 }

// withData hands f the world's events and follow network, released after.
func withData[T any](w *worlds.World, f func(ev *events.Events, follows *network.Network) (T, error)) (T, error) {
	var zero T
	ev, err := w.Events(nil)
	if err != nil {
		return zero, err
	}
	defer ev.Release()
	fn, err := w.FollowNetwork(nil)
	if err != nil {
		return zero, err
	}
	defer fn.Release()
	return f(ev, fn)
}

func comradesFollows(w *worlds.World, o run) (*comrades.Result, error) {
	if c := o.comrades; c != nil {
		if !c.ok {
			c.r, c.err = comradesFollowsRun(w, o)
			c.ok = true
		}
		return c.r, c.err
	}
	return comradesFollowsRun(w, o)
}

func comradesFollowsRun(w *worlds.World, o run) (*comrades.Result, error) {
	// MaxRows 1 keeps the logistic model to a token sample: the card
	// reads the lift and the fixed-effects estimates, not the model; nor
	// the headline's bias correction (four more fits a world, which more
	// than doubled the card's time: comrades.TestDiagBiasCorrected
	// measures it instead).
	return withData(w, func(ev *events.Events, f *network.Network) (*comrades.Result, error) {
		return comrades.Analyze(ev, comrades.Options{Mode: comrades.ModeReciprocal, Follows: f, Seed: o.seed, MaxRows: 1, NoBiasCorrection: true})
	})
}

func coordinationRun(w *worlds.World, o run) (*coordination.Result, error) {
	return withData(w, func(ev *events.Events, f *network.Network) (*coordination.Result, error) {
		return coordination.Analyze(ev, coordination.Options{Null: o.null, Follows: f, Seed: o.seed})
	})
}

// Options set the grid.
type Options struct {
	// Quick is the CI grid: fewer seeds, smaller worlds, a shorter null.
	Quick bool `json:"quick"`
	// Seeds per null world and per planted size (0: 40 and 20; Quick: 12
	// and 6).
	NullSeeds    int `json:"null_seeds"`
	PlantedSeeds int `json:"planted_seeds"`
	// Actors per world (0: 1000; Quick: 600).
	Actors int `json:"actors"`
	// Null is the coordination null's redraws (0: 99, also with Quick: with
	// fewer, the smallest p-value, 1/(Null+1), cannot pass Benjamini–Hochberg
	// at 5% once there are a dozen clusters).
	Null int `json:"null_redraws"`
	// Workers run worlds in parallel (0: the number of CPUs).
	Workers int `json:"-"`
	// Progress, when set, is called after each world.
	Progress func(done, total int) `json:"-"`
}

func (o Options) withDefaults() Options {
	def := func(x *int, full, quick int) {
		if *x <= 0 {
			*x = full
			if o.Quick {
				*x = quick
			}
		}
	}
	def(&o.NullSeeds, 40, 12)
	def(&o.PlantedSeeds, 20, 6)
	def(&o.Actors, 1000, 600)
	def(&o.Null, 99, 99)
	o.Workers = pool.Max(o.Workers)
	return o
}

// Cell is one detector on one world (preset and size) over the seeds.
type Cell struct {
	Detector string  `json:"detector"`
	Preset   string  `json:"preset"`
	Null     bool    `json:"null"`
	Size     float64 `json:"size"`
	Seeds    int     `json:"seeds"`
	Found    int     `json:"found"`
	// Rate is Found/Seeds: the false-positive rate on a null, the power on
	// a planted world; Lo and Hi its 95% Wilson interval.
	Rate   float64 `json:"rate"`
	Lo     float64 `json:"rate_lo"`
	Hi     float64 `json:"rate_hi"`
	Median float64 `json:"median_estimate"`
	Errors int     `json:"errors"`
}

// Card is the detectability card: every detector on every null and on its
// targets at each size.
type Card struct {
	Options  Options  `json:"options"` // as run, defaults filled in
	Cells    []Cell   `json:"cells"`
	Elapsed  float64  `json:"elapsed_seconds"`
	Worlds   int      `json:"worlds"`
	Problems []string `json:"problems,omitempty"`
}

type job struct {
	preset worlds.Preset
	size   float64
	seed   uint64
}

// Run builds the card: each world is generated once and every detector that
// applies runs on it.
func Run(opt Options) (*Card, error) {
	opt = opt.withDefaults()
	start := time.Now()
	var jobs []job
	for _, p := range worlds.Presets {
		if len(p.Sizes) == 0 {
			for s := 1; s <= opt.NullSeeds; s++ {
				jobs = append(jobs, job{p, 0, uint64(s)})
			}
			continue
		}
		for _, size := range p.Sizes {
			for s := 1; s <= opt.PlantedSeeds; s++ {
				jobs = append(jobs, job{p, size, uint64(s)})
			}
		}
	}
	type outcome struct {
		found []bool
		est   []float64
		err   []error
	}
	out := make([]outcome, len(jobs))
	var mu sync.Mutex
	done := 0
	pool.For(len(jobs), opt.Workers, func(i int) {
		j := jobs[i]
		cfg := j.preset.Config(j.size, j.seed)
		cfg.Actors = opt.Actors
		o := outcome{found: make([]bool, len(Detectors)), est: make([]float64, len(Detectors)), err: make([]error, len(Detectors))}
		w, err := worlds.Generate(cfg)
		ro := run{null: opt.Null, seed: j.seed, comrades: &comradesOnce{}}
		for d, det := range Detectors {
			switch {
			case err != nil:
				o.err[d] = err
			case !isNull(j.preset, det) && !slices.Contains(det.Targets, j.preset.Name):
				o.est[d] = math.NaN()
			default:
				o.found[d], o.est[d], o.err[d] = det.run(w, ro)
			}
		}
		out[i] = o
		if opt.Progress != nil {
			mu.Lock()
			done++
			opt.Progress(done, len(jobs))
			mu.Unlock()
		}
	})
	card := &Card{Options: opt, Worlds: len(jobs)}
	for d, det := range Detectors {
		for lo := 0; lo < len(jobs); {
			hi := lo
			for hi < len(jobs) && jobs[hi].preset.Name == jobs[lo].preset.Name && jobs[hi].size == jobs[lo].size {
				hi++
			}
			p := jobs[lo].preset
			if isNull(p, det) || slices.Contains(det.Targets, p.Name) {
				c := Cell{Detector: det.Name, Preset: p.Name, Null: isNull(p, det), Size: jobs[lo].size}
				var est []float64
				for k := lo; k < hi; k++ {
					if e := out[k].err[d]; e != nil {
						c.Errors++
						if len(card.Problems) < 20 {
							card.Problems = append(card.Problems, fmt.Sprintf("%s on %s seed %d: %v", det.Name, p.Name, jobs[k].seed, e))
						}
						continue
					}
					c.Seeds++
					if out[k].found[d] {
						c.Found++
					}
					if x := out[k].est[d]; !math.IsNaN(x) {
						est = append(est, x)
					}
				}
				c.Rate, c.Lo, c.Hi = math.NaN(), math.NaN(), math.NaN()
				if c.Seeds > 0 {
					c.Rate = float64(c.Found) / float64(c.Seeds)
					c.Lo, c.Hi = interval.Wilson(int64(c.Found), int64(c.Seeds))
				}
				c.Median = median(est)
				card.Cells = append(card.Cells, c)
			}
			lo = hi
		}
	}
	card.Elapsed = time.Since(start).Seconds()
	return card, nil
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	slices.Sort(x)
	m := len(x)
	if m%2 == 1 {
		return x[m/2]
	}
	return (x[m/2-1] + x[m/2]) / 2
}

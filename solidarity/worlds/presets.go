package worlds

import (
	"fmt"
	"slices"
	"strings"
)

// A Preset is a named world: a null (one confounder, no solidarity) or a
// planted mechanism whose strength is set by a size.
type Preset struct {
	Name string
	// Null is true when nothing is planted: an analysis that finds
	// solidarity here is wrong.
	Null bool
	// Plants names what the world plants ("comradeship", "coordination");
	// a world is a null for every analysis that looks for something else.
	Plants []string
	// What the preset switches on, in a sentence.
	Description string
	// Sizes are the effect sizes the detectability card sweeps (planted
	// presets only); a size is the preset's own knob (see Description).
	Sizes []float64
	build func(c *Config, size float64)
}

// Presets are the worlds of the detectability card, nulls first.
var Presets = []Preset{
	{Name: "plain", Null: true,
		Description: "no confounder: equal activity, popularity and appeal, random follows",
		build:       func(c *Config, _ float64) {}},
	{Name: "popularity", Null: true,
		Description: "authors differ in popularity (Pareto tail 1.5: preferential attachment and attention), items in appeal (log-sd 1)",
		build: func(c *Config, _ float64) {
			c.PopularityTail, c.AppealSD = 1.5, 1
		}},
	{Name: "activity", Null: true,
		Description: "actors differ in activity (log-sd 1.2): heavy-tailed posting, following and engaging",
		build: func(c *Config, _ float64) {
			c.ActivitySD = 1.2
		}},
	{Name: "exposure-homophily", Null: true,
		Description: "follows favour the own group 4:1 and unrecorded discovery (3 items a day) favours it 4:1; no comrade preference",
		build: func(c *Config, _ float64) {
			c.FollowHomophily, c.ExposureHomophily, c.Discovery = 4, 4, 3
		}},
	{Name: "topics", Null: true,
		Description: "6 topics; each group's members like their group's topics e^1.5 times more (shared tastes, not comradeship)",
		build: func(c *Config, _ float64) {
			c.Topics, c.TopicGroupTaste = 6, 1.5
		}},
	{Name: "ranking", Null: true,
		Description: "unrecorded discovery (5 items a day) drawn by ranking feedback: in proportion to (1 + feed engagements)^1",
		build: func(c *Config, _ float64) {
			c.Discovery, c.Ranking = 5, 1
		}},
	{Name: "confounded", Null: true,
		Description: "every confounder above at once, no comrade preference",
		build:       func(c *Config, _ float64) { confound(c) }},
	{Name: "confounded-logistic", Null: true,
		Description: "confounded, with engagement probability rate/(1+rate) instead of 1 - exp(-rate): saturation of a shape the cloglog model does not assume",
		build: func(c *Config, _ float64) {
			confound(c)
			c.Saturation = SaturateLogistic
		}},
	{Name: "confounded-linear", Null: true,
		Description: "confounded, with engagement probability min(rate, 1): saturation by a hard cap",
		build: func(c *Config, _ float64) {
			confound(c)
			c.Saturation = SaturateLinear
		}},
	{Name: "confounded-random-follows", Null: true,
		Description: "every confounder of confounded but follows that ignore groups: comrades are then the less popular authors within a popular actor's follows (follow-backs), not the own group",
		build: func(c *Config, _ float64) {
			confound(c)
			c.FollowHomophily = 1
		}},
	{Name: "popularity-activity", Null: true,
		Description: "popularity and activity confounders together (comrade-mutual's world with nothing planted)",
		build: func(c *Config, _ float64) {
			c.PopularityTail, c.AppealSD, c.ActivitySD = 1.5, 1, 1.2
		}},
	{Name: "fast-groups", Plants: []string{"comradeship"},
		Description: "20 circles of 5 friends who follow each other and react to each other's posts within minutes: comradeship, not coordination",
		build: func(c *Config, _ float64) {
			c.FastGroups, c.FastGroupSize = 20, 5
		}},
	{Name: "comrade-mutual", Plants: []string{"comradeship"}, Sizes: []float64{1.25, 1.5, 2, 3},
		Description: "planted: comrades (mutual follows) engage size times as often and twice as fast; popularity and activity confounders on",
		build: func(c *Config, size float64) {
			c.PopularityTail, c.AppealSD, c.ActivitySD = 1.5, 1, 1.2
			c.Comrade, c.ComradeRate, c.ComradeSpeed = RuleMutual, size, 0.5
		}},
	{Name: "comrade-friends", Plants: []string{"comradeship"}, Sizes: []float64{1.25, 1.5, 2, 3},
		Description: "planted: hidden friends (circles of 8 no data records) engage each other size times as often and twice as fast",
		build: func(c *Config, size float64) {
			c.Comrade, c.ComradeRate, c.ComradeSpeed = RuleFriends, size, 0.5
		}},
	{Name: "cells", Plants: []string{"coordination", "comradeship"}, Sizes: []float64{1, 2, 4, 8},
		Description: "planted: 5 coordinated cells of 5 each boost size items a day, members within 5 minutes of a start drawn like organic delays",
		build: func(c *Config, size float64) {
			c.Cells, c.CellSize, c.CellItemsPerDay, c.CellJitter = 5, 5, size, 300
			c.FastGroups, c.FastGroupSize = 20, 5 // the comrade groups that must not come out as coordinated
		}},
}

// confound switches on every confounder of the single-confounder nulls.
func confound(c *Config) {
	c.PopularityTail, c.AppealSD, c.ActivitySD = 1.5, 1, 1.2
	c.FollowHomophily, c.ExposureHomophily, c.Discovery, c.Ranking = 4, 4, 3, 1
	c.Topics, c.TopicGroupTaste = 6, 1.5
}

// Lookup returns the preset called name.
func Lookup(name string) (Preset, error) {
	i := slices.IndexFunc(Presets, func(p Preset) bool { return p.Name == name })
	if i < 0 {
		names := make([]string, len(Presets))
		for j, p := range Presets {
			names[j] = p.Name
		}
		return Preset{}, fmt.Errorf("worlds: no preset %q (have %s)", name, strings.Join(names, ", "))
	}
	return Presets[i], nil
}

// Config returns the preset's world with the given effect size (ignored by
// nulls) and seed, starting from Default.
func (p Preset) Config(size float64, seed uint64) Config {
	c := Default()
	c.Seed = seed
	p.build(&c, size)
	return c
}

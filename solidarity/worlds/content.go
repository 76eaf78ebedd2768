package worlds

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/algosolidarity/toolkit/internal/sample"
	"github.com/algosolidarity/toolkit/solidarity/events"
)

// ContentConfig sets a world of posts that carry links and text, for
// coordination on content: organic posters share news URLs of
// heavy-tailed popularity (the same article linked with different
// tracking parameters, as people do) and write their own words; cells
// copy-paste one text (with a few words changed per member) and one fresh
// URL as new posts within seconds of each other. Start from
// DefaultContent.
type ContentConfig struct {
	Seed   uint64 `json:"seed"`
	Actors int    `json:"actors"`
	Days   int    `json:"days"`
	// PostsPerDay at average activity; ActivitySD is the log-sd of
	// activity (log-normal with mean 1).
	PostsPerDay float64 `json:"posts_per_day"`
	ActivitySD  float64 `json:"activity_sd"`
	// URLs is the number of news URLs, published uniformly over the days;
	// their popularity is Zipf with exponent URLZipf. A share URLShare of
	// organic posts links one, after a log-normal delay of median
	// NewsDelay seconds (log-sd DelaySD) from its publication.
	URLs      int     `json:"urls"`
	URLZipf   float64 `json:"url_zipf"`
	URLShare  float64 `json:"url_share"`
	NewsDelay float64 `json:"news_delay_seconds"`
	DelaySD   float64 `json:"delay_sd"`
	// Memes is the number of viral texts (copypasta, slogans, lyrics),
	// emerging uniformly over the days, with Zipf(URLZipf) popularity; a
	// share MemeShare of organic posts copies one (adding a word of their
	// own) after the same log-normal delay from its emergence: organic
	// copying, the confounder of near-duplicate text.
	Memes     int     `json:"memes"`
	MemeShare float64 `json:"meme_share"`
	// Cells of CellSize members run Poisson(CellCampaignsPerDay*Days)
	// campaigns each: at a uniform start, every member posts the
	// campaign's text (with CellEdits words replaced) and its URL (with a
	// member's own tracking parameter) at the start plus
	// |Normal(0, CellJitter)| seconds. Members also post organically.
	Cells               int     `json:"cells"`
	CellSize            int     `json:"cell_size"`
	CellCampaignsPerDay float64 `json:"cell_campaigns_per_day"`
	CellJitter          float64 `json:"cell_jitter_seconds"`
	CellEdits           int     `json:"cell_edits"`
}

// DefaultContent is 400 actors over 10 days posting 4 times a day: half
// of the posts link one of 5000 news URLs (Zipf 1.0, shared after a
// median 6 hours, log-sd 1.2), a quarter copy one of 300 viral texts; 3
// cells of 6 run one campaign a day with 20 s of jitter and one word
// changed per copy.
func DefaultContent() ContentConfig {
	return ContentConfig{Seed: 1, Actors: 400, Days: 10, PostsPerDay: 4, ActivitySD: 1,
		URLs: 5000, URLZipf: 1.0, URLShare: 0.5, NewsDelay: 21600, DelaySD: 1.2,
		Memes: 300, MemeShare: 0.25,
		Cells: 3, CellSize: 6, CellCampaignsPerDay: 1, CellJitter: 20, CellEdits: 1}
}

// ContentWorld is a generated content world.
type ContentWorld struct {
	// Events are posts (kind "post", each its own item, actor = author)
	// with text and url columns.
	Events *events.Events
	// Cells lists each cell's member ids, sorted.
	Cells  [][]string
	Config ContentConfig
	// Campaigns counts the cells' campaigns; OrganicURLPosts and
	// OrganicMemePosts the organic posts that carry a URL or copy a meme.
	Campaigns, OrganicURLPosts, OrganicMemePosts int
}

// Release releases the events.
func (w *ContentWorld) Release() { w.Events.Release() }

func (c ContentConfig) validate() error {
	bad := func(f string, a ...any) error { return fmt.Errorf("worlds: content: "+f, a...) }
	for _, x := range []float64{c.MemeShare, c.PostsPerDay, c.ActivitySD, c.URLZipf, c.URLShare, c.NewsDelay, c.DelaySD, c.CellCampaignsPerDay, c.CellJitter} {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return bad("every rate, delay and sd must be finite and >= 0")
		}
	}
	switch {
	case c.Actors < 2 || c.Actors > 1<<20:
		return bad("actors = %d: want 2 to 2^20", c.Actors)
	case c.Days < 1 || c.Days > 365:
		return bad("days = %d: want 1 to 365", c.Days)
	case c.URLs < 1 || c.URLs > 1<<22:
		return bad("urls = %d: want 1 to 2^22", c.URLs)
	case c.URLShare+c.MemeShare > 1:
		return bad("url share %v and meme share %v: want probabilities adding up to at most 1", c.URLShare, c.MemeShare)
	case c.Memes < 0 || c.Memes > 1<<20 || (c.MemeShare > 0 && c.Memes == 0):
		return bad("memes = %d: want 1 to 2^20 with a meme share", c.Memes)
	case c.PostsPerDay > 1000:
		return bad("posts per day %v: too many for one machine", c.PostsPerDay)
	case c.Cells < 0 || c.CellSize < 0 || c.CellEdits < 0 || c.CellEdits > 10:
		return bad("cells, cell size and edits (at most 10) must be >= 0")
	case c.Cells > 0 && c.CellSize < 2:
		return bad("cells need at least 2 members")
	case c.Cells*c.CellSize > c.Actors:
		return bad("%d cells of %d do not fit in %d actors", c.Cells, c.CellSize, c.Actors)
	}
	return nil
}

// contentVocab is the number of words organic and campaign texts draw from
// (Zipf 1: common words are shared by chance, as in real text).
const contentVocab = 20000

// GenerateContent builds the content world of cfg. Deterministic in cfg.
func GenerateContent(cfg ContentConfig) (*ContentWorld, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xc0de7e47))
	span := float64(cfg.Days) * 86400
	const t0 = 1_700_006_400 // 2023-11-15 00:00 UTC
	id := func(u int) string { return fmt.Sprintf("u%04d", u) }
	wordW := make([]float64, contentVocab)
	for i := range wordW {
		wordW[i] = 1 / float64(i+1)
	}
	words := sample.Cumulative(wordW)
	text := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = fmt.Sprintf("w%d", sample.Pick(rng, words))
		}
		return w
	}
	urlW := make([]float64, cfg.URLs)
	for i := range urlW {
		urlW[i] = math.Pow(float64(i+1), -cfg.URLZipf)
	}
	urls := sample.Cumulative(urlW)
	pub := make([]float64, cfg.URLs)
	for i := range pub {
		pub[i] = rng.Float64() * span
	}
	// A news URL as different people link it: tracking parameters,
	// "www.", a trailing slash, http.
	link := func(i int) string {
		host := fmt.Sprintf("news%d.example.com", i%40)
		if rng.IntN(3) == 0 {
			host = "www." + host
		}
		u := fmt.Sprintf("https://%s/2023/article-%d", host, i)
		switch rng.IntN(4) {
		case 0:
			u += "/"
		case 1:
			u += fmt.Sprintf("?utm_source=share%d&utm_medium=social", rng.IntN(5))
		case 2:
			u = strings.Replace(u, "https://", "http://", 1) + "?fbclid=" + fmt.Sprint(rng.Uint32())
		}
		return u
	}
	var memes [][]string
	var memeAt []float64
	var memeCum []float64
	if cfg.Memes > 0 {
		mw := make([]float64, cfg.Memes)
		for i := range mw {
			mw[i] = math.Pow(float64(i+1), -cfg.URLZipf)
			memes = append(memes, text(12+rng.IntN(14)))
			memeAt = append(memeAt, rng.Float64()*span)
		}
		memeCum = sample.Cumulative(mw)
	}
	w := &ContentWorld{Config: cfg}
	b := events.NewBuilder()
	add := func(u int, t float64, tx, url string) {
		if t < 0 || t > span+30*86400 {
			return
		}
		i := b.Len()
		b.Add(id(u), fmt.Sprintf("p%d", i), id(u), "post", t0+int64(t))
		b.SetContent(i, tx, url)
	}
	act := make([]float64, cfg.Actors)
	for u := range act {
		act[u] = logNormalMean1(rng, cfg.ActivitySD)
	}
	// Cells are the first Cells*CellSize actors of a random permutation.
	perm := rng.Perm(cfg.Actors)
	for c := 0; c < cfg.Cells; c++ {
		var m []string
		for _, u := range perm[c*cfg.CellSize : (c+1)*cfg.CellSize] {
			m = append(m, id(u))
		}
		slices.Sort(m)
		w.Cells = append(w.Cells, m)
	}
	for u := 0; u < cfg.Actors; u++ {
		n := sample.Poisson(rng, cfg.PostsPerDay*act[u]*float64(cfg.Days))
		for k := 0; k < n; k++ {
			tx := text(8 + rng.IntN(18))
			x := rng.Float64()
			if x >= cfg.URLShare && x < cfg.URLShare+cfg.MemeShare {
				i := sample.Pick(rng, memeCum)
				d := cfg.NewsDelay * math.Exp(cfg.DelaySD*rng.NormFloat64())
				add(u, memeAt[i]+d, strings.Join(append(slices.Clone(memes[i]), tx[0]), " "), "")
				w.OrganicMemePosts++
				continue
			}
			if x < cfg.URLShare {
				i := sample.Pick(rng, urls)
				d := cfg.NewsDelay * math.Exp(cfg.DelaySD*rng.NormFloat64())
				add(u, pub[i]+d, strings.Join(tx, " "), link(i))
				w.OrganicURLPosts++
				continue
			}
			add(u, rng.Float64()*span, strings.Join(tx, " "), "")
		}
	}
	for c := 0; c < cfg.Cells; c++ {
		members := perm[c*cfg.CellSize : (c+1)*cfg.CellSize]
		n := sample.Poisson(rng, cfg.CellCampaignsPerDay*float64(cfg.Days))
		for k := 0; k < n; k++ {
			w.Campaigns++
			start := rng.Float64() * span
			tmpl := text(14 + rng.IntN(12))
			url := fmt.Sprintf("https://campaign%d.example.org/c/%d", c, k)
			for j, u := range members {
				cp := slices.Clone(tmpl)
				for e := 0; e < cfg.CellEdits; e++ {
					cp[rng.IntN(len(cp))] = fmt.Sprintf("w%d", sample.Pick(rng, words))
				}
				add(u, start+math.Abs(rng.NormFloat64())*cfg.CellJitter,
					strings.Join(cp, " "), fmt.Sprintf("%s?utm_source=member%d", url, j))
			}
		}
	}
	ev, err := b.Build(fmt.Sprintf("content world (seed %d)", cfg.Seed), events.Options{})
	if err != nil {
		return nil, err
	}
	w.Events = ev
	return w, nil
}

package content

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeURL(t *testing.T) {
	// Expected values by hand, from the rules in NormalizeURL's doc.
	cases := []struct{ in, want string }{
		{"https://Example.COM/a/b/?utm_source=tw&utm_medium=x&id=3#top", "https://example.com/a/b?id=3"},
		{"http://www.example.com:80/a?fbclid=XYZ", "https://example.com/a"},
		{"https://example.com:443/", "https://example.com"},
		{"https://example.com", "https://example.com"},
		{"example.com/x/", "https://example.com/x"},
		{"https://example.com/x?b=2&a=1&gclid=9", "https://example.com/x?a=1&b=2"},
		{"https://example.com/x?a=2&a=1", "https://example.com/x?a=2&a=1"},
		{"https://example.com:8080/Path", "https://example.com:8080/Path"},
		{"https://example.com./p", "https://example.com/p"},
		{"https://[::1]:443/p", "https://[::1]/p"},
		{"https://[::1]:8443/p", "https://[::1]:8443/p"},
		{"https://example.com/a%20b?UTM_Campaign=x", "https://example.com/a%20b"},
	}
	for _, c := range cases {
		got, ok := NormalizeURL(c.in)
		if !ok || got != c.want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "  ", "mailto:a@b.org", "ftp://example.com/x", "https://", "http://%zz"} {
		if got, ok := NormalizeURL(bad); ok {
			t.Errorf("NormalizeURL(%q) = %q, want rejected", bad, got)
		}
	}
}

func TestURLsAndDomain(t *testing.T) {
	got := URLs("read https://News.example.co.uk/a?utm_source=x, then example.org/p. Mail me at me@mail.org; again http://news.example.co.uk/a")
	want := []string{"https://news.example.co.uk/a", "https://example.org/p"}
	if !slices.Equal(got, want) {
		t.Errorf("URLs = %q, want %q", got, want)
	}
	if URLs("no links here, file.txt, v1.2") != nil {
		t.Errorf("URLs found links in plain text")
	}
	// Registrable domains by the Public Suffix List.
	for in, want := range map[string]string{
		"https://news.bbc.co.uk/x":   "bbc.co.uk",
		"https://user.github.io/p":   "user.github.io",
		"http://www.Example.com/a":   "example.com",
		"https://a.b.example.com.au": "example.com.au",
		"https://192.168.0.1/x":      "192.168.0.1",
		"not a url at all":           "",
	} {
		if got := Domain(in); got != want {
			t.Errorf("Domain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHashtags(t *testing.T) {
	got := Hashtags("#Solidarity now! #SOLIDARITY, #Straße and #STRASSE, C# &#39; #1 #a1 x#no #tag_2")
	want := []string{"solidarity", "strasse", "a1", "tag_2"}
	if !slices.Equal(got, want) {
		t.Errorf("Hashtags = %q, want %q", got, want)
	}
	if got := Hashtags("＃Fullwidth tag"); !slices.Equal(got, []string{"fullwidth"}) {
		t.Errorf("full-width: %q", got)
	}
}

func TestWords(t *testing.T) {
	got := Words("Share THIS: https://ex.com/a?utm_source=1 #Tag @Someone!")
	want := []string{"share", "this", "https://ex.com/a", "#tag", "@someone"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestJaccardExact(t *testing.T) {
	// |{1,2,3} ∩ {2,3,4,5}| / |∪| = 2/5.
	if got := Jaccard([]uint64{1, 2, 3}, []uint64{2, 3, 4, 5}); got != 0.4 {
		t.Errorf("Jaccard = %v, want 0.4", got)
	}
	if !math.IsNaN(Jaccard(nil, nil)) {
		t.Error("Jaccard of two empty sets: want NaN")
	}
	// One word changed in 12 words: 11 bigrams each, 9 shared: 9/13.
	a := strings.Fields("the quick brown fox jumps over the lazy dog near the river")
	b := slices.Clone(a)
	b[5] = "under"
	if got := Jaccard(Shingles(a, 2), Shingles(b, 2)); math.Abs(got-9.0/13) > 1e-12 {
		t.Errorf("Jaccard of one changed word = %v, want 9/13", got)
	}
}

// TestMinHashEstimate checks the MinHash estimate against exact Jaccard on
// random set pairs over a range of similarities: with 128 permutations the
// standard error is at most 0.044, so every estimate should fall within
// 0.15 (3.4 standard errors) and the mean error within 0.01.
func TestMinHashEstimate(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	mh := NewMinHash(DefaultPermutations, 1)
	var sumErr float64
	const trials = 200
	for trial := 0; trial < trials; trial++ {
		n := 20 + rng.IntN(200)
		shared := rng.IntN(n + 1)
		var a, b []uint64
		for i := 0; i < shared; i++ {
			x := rng.Uint64()
			a, b = append(a, x), append(b, x)
		}
		for i := shared; i < n; i++ {
			a, b = append(a, rng.Uint64()), append(b, rng.Uint64())
		}
		slices.Sort(a)
		slices.Sort(b)
		exact := Jaccard(a, b)
		est := EstimateJaccard(mh.Signature(a, nil), mh.Signature(b, nil))
		if math.Abs(est-exact) > 0.15 {
			t.Errorf("trial %d: estimate %.3f, exact %.3f", trial, est, exact)
		}
		sumErr += est - exact
	}
	if bias := sumErr / trials; math.Abs(bias) > 0.01 {
		t.Errorf("mean error %.4f: want |bias| <= 0.01", bias)
	}
}

func TestOptimalBanding(t *testing.T) {
	// Golden values: scripts/golden_lsh_banding.py, datasketch's
	// _optimal_param (datasketch/lsh.py, equal weights) with its own
	// fallback integration; (0.75, 256) -> (21, 12) is also the example in
	// text-dedup's optimal_param docstring (computed there with scipy's quad).
	for _, c := range []struct {
		t           float64
		perms       int
		bands, rows int
	}{{0.5, 128, 25, 5}, {0.6, 128, 18, 7}, {0.8, 128, 9, 13}, {0.75, 256, 21, 12}, {0.5, 64, 14, 4}} {
		if got := OptimalBanding(c.t, c.perms); got != (Banding{c.bands, c.rows}) {
			t.Errorf("OptimalBanding(%v, %d) = %+v, want {%d %d}", c.t, c.perms, got, c.bands, c.rows)
		}
	}
	b := OptimalBanding(0.5, 128)
	if b.Bands*b.Rows > 128 || b.Bands < 1 || b.Rows < 1 {
		t.Fatalf("banding %+v", b)
	}
	if p := b.Candidate(0.5); p < 0.3 || p > 0.95 {
		t.Errorf("banding %+v: candidate probability at the threshold %.3f", b, p)
	}
	if p := b.Candidate(0.1); p > 0.01 {
		t.Errorf("banding %+v: candidate probability at J=0.1 is %.4f, want < 0.01", b, p)
	}
	if p := b.Candidate(0.8); p < 0.999 {
		t.Errorf("banding %+v: candidate probability at J=0.8 is %.4f, want > 0.999", b, p)
	}
	t.Logf("banding %+v: P(candidate) at J=0.1 %.2g, 0.3 %.3f, 0.5 %.3f, 0.7 %.4f", b, b.Candidate(0.1), b.Candidate(0.3), b.Candidate(0.5), b.Candidate(0.7))
}

func TestNearDuplicates(t *testing.T) {
	texts := []string{
		"Tell your representative to vote NO on the water privatisation bill today",
		"Tell your representative to vote NO on the water privatization bill today", // one word changed
		"I had a lovely walk by the sea this morning with my old dog",
		"tell your representative to vote no on the water privatisation bill today!!!", // same words
		"so true",
		"",
		"Completely unrelated: the match ended two nil after a late penalty kick",
	}
	d, err := NearDuplicates(len(texts), func(i int) string { return texts[i] }, TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g := d.Group
	if g[0] != g[1] || g[0] != g[3] {
		t.Errorf("near-duplicates not tied: groups %v", g)
	}
	if g[2] == g[0] || g[6] == g[0] || g[2] == g[6] {
		t.Errorf("unrelated texts tied: groups %v", g)
	}
	if g[4] != -1 || g[5] != -1 {
		t.Errorf("short texts got groups: %v", g)
	}
	if d.First[g[0]] != 0 || d.Size[g[0]] != 3 || d.Distinct != 4 {
		t.Errorf("first %v sizes %v distinct %d", d.First, d.Size, d.Distinct)
	}
	if _, err := NearDuplicates(1, func(int) string { return "" }, TextOptions{Threshold: 1.5}); err == nil {
		t.Error("threshold 1.5 accepted")
	}
}

// TestNearDuplicatesRecall plants copies with k of 20 words changed among
// random texts and measures how often pairs are tied against their exact
// Jaccard: tied when clearly above the threshold, apart when clearly below.
func TestNearDuplicatesRecall(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	randText := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return w
	}
	var texts []string
	type pair struct {
		a, b int
		j    float64
	}
	var pairs []pair
	for k := 0; k < 300; k++ {
		base := randText(20)
		cp := slices.Clone(base)
		for c := 0; c < k%8; c++ {
			cp[rng.IntN(len(cp))] = vocab[rng.IntN(len(vocab))]
		}
		j := Jaccard(Shingles(base, 2), Shingles(cp, 2))
		pairs = append(pairs, pair{len(texts), len(texts) + 1, j})
		texts = append(texts, strings.Join(base, " "), strings.Join(cp, " "))
	}
	d, err := NearDuplicates(len(texts), func(i int) string { return texts[i] }, TextOptions{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var hi, hiTied, lo, loTied int
	for _, p := range pairs {
		tied := d.Group[p.a] == d.Group[p.b]
		switch {
		case p.j >= 0.65:
			hi++
			if tied {
				hiTied++
			}
		case p.j <= 0.35:
			lo++
			if tied {
				loTied++
			}
		}
	}
	t.Logf("J >= 0.65: %d/%d tied; J <= 0.35: %d/%d tied; %d groups of %d texts, %d comparisons",
		hiTied, hi, loTied, lo, len(d.First), len(texts), d.Compared)
	if hi == 0 || float64(hiTied) < 0.98*float64(hi) {
		t.Errorf("recall above 0.65: %d/%d", hiTied, hi)
	}
	if float64(loTied) > 0.02*float64(lo) {
		t.Errorf("false ties below 0.35: %d/%d", loTied, lo)
	}
}

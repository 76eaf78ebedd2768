package content

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/algosolidarity/toolkit/internal/hashmix"
)

// Defaults of TextOptions; a zero field takes them.
const (
	// DefaultThreshold is the Jaccard similarity of two texts' word-shingle
	// sets from which they are near-duplicates. With 2-word shingles, one
	// word changed in a text of n words leaves a Jaccard of (n-3)/(n+1):
	// 0.5 ties such texts from 7 words on.
	DefaultThreshold = 0.5
	// DefaultShingle is the number of consecutive words in a shingle.
	DefaultShingle = 2
	// DefaultPermutations is the length of a MinHash signature: the
	// standard error of the Jaccard estimate is sqrt(J(1-J)/128), 0.044
	// at J = 0.5.
	DefaultPermutations = 128
	// DefaultMinWords: shorter texts ("thank you", "so true") are left out:
	// people write them alike without copying.
	DefaultMinWords = 5
	// maxBucketChecks bounds the comparisons of a text with the texts
	// before it in one LSH bucket.
	maxBucketChecks = 8
)

// TextOptions are the parameters of near-duplicate text detection. Every
// field may be left zero.
type TextOptions struct {
	// Threshold in (0, 1] is the Jaccard similarity (estimated from the
	// signatures) from which two texts are tied (default 0.5).
	Threshold float64
	// Shingle is the number of words in a shingle (default 2).
	Shingle int
	// Permutations is the MinHash signature length (default 128, at most 1024).
	Permutations int
	// MinWords is the fewest words a text needs to be compared (default 5).
	MinWords int
	// Seed seeds the hash functions (the result depends on it only through
	// the estimation noise).
	Seed uint64
	// Progress, when not nil, is called as texts are tokenised and signed
	// (done, total), about a hundred times.
	Progress func(done, total int)
}

func (o TextOptions) withDefaults() TextOptions {
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Shingle <= 0 {
		o.Shingle = DefaultShingle
	}
	if o.Permutations <= 0 {
		o.Permutations = DefaultPermutations
	}
	if o.MinWords <= 0 {
		o.MinWords = DefaultMinWords
	}
	return o
}

// Validate reports an unusable setting.
func (o TextOptions) Validate() error {
	o = o.withDefaults()
	switch {
	case math.IsNaN(o.Threshold) || o.Threshold <= 0 || o.Threshold > 1:
		return fmt.Errorf("content: text threshold %v: want a Jaccard similarity in (0, 1]", o.Threshold)
	case o.Permutations > 1024:
		return fmt.Errorf("content: %d permutations: want at most 1024", o.Permutations)
	case o.Shingle > 32:
		return fmt.Errorf("content: shingles of %d words: want at most 32", o.Shingle)
	}
	return nil
}

// Shingles returns the sorted, distinct 64-bit hashes of the k-word
// shingles of words (FNV-1a over the words, separated by a unit
// separator). A text shorter than k words is one shingle.
func Shingles(words []string, k int) []uint64 {
	if len(words) == 0 {
		return nil
	}
	k = max(1, min(k, len(words)))
	out := make([]uint64, 0, len(words)-k+1)
	for i := 0; i+k <= len(words); i++ {
		h := uint64(14695981039346656037)
		for j, w := range words[i : i+k] {
			if j > 0 {
				h ^= 0x1f
				h *= 1099511628211
			}
			for b := 0; b < len(w); b++ {
				h ^= uint64(w[b])
				h *= 1099511628211
			}
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Jaccard is the exact Jaccard similarity |a ∩ b| / |a ∪ b| of two sorted
// sets of distinct values; NaN when both are empty.
func Jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return math.NaN()
	}
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// MinHash computes MinHash signatures (Broder 1997, "On the resemblance
// and containment of documents", doi:10.1109/SEQUEN.1997.666900): entry i
// of a set's signature is the minimum of h_i over its elements, and the
// share of equal entries of two signatures estimates the sets' Jaccard
// similarity without bias. h_i(x) = the top 32 bits of a_i*m(x) + b_i
// (m a 64-bit mixer, a_i odd), a multiply-shift family.
type MinHash struct {
	a, b []uint64
}

// NewMinHash returns k hash functions drawn from seed.
func NewMinHash(k int, seed uint64) *MinHash {
	rng := rand.New(rand.NewPCG(seed, 0x6d696e68617368))
	m := &MinHash{a: make([]uint64, k), b: make([]uint64, k)}
	for i := range m.a {
		m.a[i] = rng.Uint64() | 1
		m.b[i] = rng.Uint64()
	}
	return m
}

// Len is the signature length.
func (m *MinHash) Len() int { return len(m.a) }

// Signature writes the signature of the set into sig (length Len; all
// entries MaxUint32 for an empty set) and returns it.
func (m *MinHash) Signature(set []uint64, sig []uint32) []uint32 {
	if cap(sig) < len(m.a) {
		sig = make([]uint32, len(m.a))
	}
	sig = sig[:len(m.a)]
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, x := range set {
		h := hashmix.Fmix64(x)
		for i, a := range m.a {
			if v := uint32((a*h + m.b[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// EstimateJaccard is the share of equal entries of two signatures.
func EstimateJaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return math.NaN()
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// Banding is an LSH banding of MinHash signatures: Bands bands of Rows
// entries each; two texts are candidates when they agree on every entry
// of at least one band, which happens with probability
// 1 - (1 - J^Rows)^Bands for a pair of Jaccard similarity J (Leskovec,
// Rajaraman & Ullman, Mining of Massive Datasets, ch. 3.4).
type Banding struct {
	Bands, Rows int
}

// Candidate is the probability that a pair of Jaccard similarity j
// shares a band.
func (b Banding) Candidate(j float64) float64 {
	return 1 - math.Pow(1-math.Pow(j, float64(b.Rows)), float64(b.Bands))
}

// OptimalBanding chooses the banding of perms entries for a threshold as
// datasketch's MinHashLSH does (_optimal_param, equal weights): the
// (bands, rows) with bands*rows <= perms that minimises the area of
// false candidates below the threshold plus missed pairs above it.
func OptimalBanding(threshold float64, perms int) Banding {
	best, bestErr := Banding{1, perms}, math.Inf(1)
	for b := 1; b <= perms; b++ {
		for r := 1; r <= perms/b; r++ {
			bd := Banding{b, r}
			fp := integrate(bd.Candidate, 0, threshold)
			fn := integrate(func(s float64) float64 { return 1 - bd.Candidate(s) }, threshold, 1)
			if e := fp + fn; e < bestErr {
				best, bestErr = bd, e
			}
		}
	}
	return best
}

// integrate is Simpson's rule on 100 intervals.
func integrate(f func(float64) float64, a, b float64) float64 {
	const n = 100
	h := (b - a) / n
	s := f(a) + f(b)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		s += w * f(a+float64(i)*h)
	}
	return s * h / 3
}

// Duplicates is the result of NearDuplicates.
type Duplicates struct {
	// Group is each text's near-duplicate group, -1 for a text too short
	// (or empty). Groups are numbered by their first text.
	Group []int32
	// First is the first text (input order) of every group: its
	// representative.
	First []int32
	// Size is the number of texts of every group.
	Size []int
	// Banding is the LSH banding used; Distinct the distinct texts (after
	// tokenising) that were signed; Compared the signature comparisons.
	Banding  Banding
	Distinct int
	Compared int64
	Options  TextOptions
}

// NearDuplicates groups n texts (text(i) returns text i) into
// near-duplicate groups: texts are tokenised (Words), identical token
// sequences share one signature, each distinct text gets a MinHash
// signature of its word shingles, LSH banding (OptimalBanding for the
// threshold) proposes candidate pairs, and a candidate pair is tied when
// its estimated Jaccard similarity reaches the threshold. Groups are the
// connected components of the ties (union-find): a chain of near
// duplicates is one group even when its ends differ more.
//
// In a bucket of one band, a text is compared with the 8 texts before it
// (not with all), so cost stays linear when thousands of texts share a
// band; a text far from those may be missed in that band but is usually
// caught in another. Memory: Permutations*4 bytes per distinct text,
// plus 16 bytes per distinct text for one band at a time.
func NearDuplicates(n int, text func(i int) string, opt TextOptions) (*Duplicates, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	d := &Duplicates{Group: make([]int32, n), Options: opt}
	// Tokenise; identical token sequences share one distinct id.
	distinct := map[string]int32{}
	of := make([]int32, n)
	var sets [][]uint64
	step := max(1, n/100)
	for i := 0; i < n; i++ {
		if opt.Progress != nil && i%step == 0 {
			opt.Progress(i, n)
		}
		of[i] = -1
		w := Words(text(i))
		if len(w) < opt.MinWords {
			continue
		}
		key := joinWords(w)
		id, ok := distinct[key]
		if !ok {
			id = int32(len(sets))
			distinct[key] = id
			sets = append(sets, Shingles(w, opt.Shingle))
		}
		of[i] = id
	}
	distinct = nil
	m := len(sets)
	d.Distinct = m
	mh := NewMinHash(opt.Permutations, opt.Seed)
	k := mh.Len()
	sigs := make([]uint32, m*k)
	for i, s := range sets {
		mh.Signature(s, sigs[i*k:(i+1)*k])
	}
	sets = nil
	if opt.Progress != nil {
		opt.Progress(n, n)
	}
	d.Banding = OptimalBanding(opt.Threshold, k)
	parent := make([]int32, m)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	type bucket struct {
		h  uint64
		id int32
	}
	bs := make([]bucket, m)
	for band := 0; band < d.Banding.Bands; band++ {
		lo, hi := band*d.Banding.Rows, (band+1)*d.Banding.Rows
		for i := 0; i < m; i++ {
			h := uint64(band) * 0x9e3779b97f4a7c15
			for _, v := range sigs[i*k+lo : i*k+hi] {
				h = hashmix.Fmix64(h ^ uint64(v))
			}
			bs[i] = bucket{h, int32(i)}
		}
		slices.SortFunc(bs, func(a, b bucket) int { return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.id, b.id)) })
		for s := 0; s < m; {
			e := s + 1
			for e < m && bs[e].h == bs[s].h {
				e++
			}
			for j := s + 1; j < e; j++ {
				y := bs[j].id
				for i := j - 1; i >= max(s, j-maxBucketChecks); i-- {
					x := bs[i].id
					if find(x) == find(y) {
						continue
					}
					d.Compared++
					if EstimateJaccard(sigs[int(x)*k:int(x+1)*k], sigs[int(y)*k:int(y+1)*k]) >= opt.Threshold {
						a, b := find(x), find(y)
						if a > b {
							a, b = b, a
						}
						parent[b] = a // the smaller id (earlier first text) is the root
					}
				}
			}
			s = e
		}
	}
	// Number groups by their first text.
	gid := make([]int32, m)
	for i := range gid {
		gid[i] = -1
	}
	for i := 0; i < n; i++ {
		d.Group[i] = -1
		if of[i] < 0 {
			continue
		}
		r := find(of[i])
		if gid[r] < 0 {
			gid[r] = int32(len(d.First))
			d.First = append(d.First, int32(i))
			d.Size = append(d.Size, 0)
		}
		d.Group[i] = gid[r]
		d.Size[gid[r]]++
	}
	return d, nil
}

func joinWords(w []string) string {
	n := len(w)
	for _, s := range w {
		n += len(s)
	}
	b := make([]byte, 0, n)
	for i, s := range w {
		if i > 0 {
			b = append(b, 0x1f)
		}
		b = append(b, s...)
	}
	return string(b)
}

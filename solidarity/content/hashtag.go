package content

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// maxHashtag bounds a hashtag's length in runes (Twitter allows 100+; a
// longer run is no tag but a run of characters).
const maxHashtag = 140

var fold = cases.Fold()

// Hashtags returns the hashtags in text without the '#', case-folded
// (Unicode case folding: #Solidarität and #SOLIDARITÄT are one tag), in order of appearance, each once. A hashtag is '#' (or the
// full-width '＃') at the start of the text or after a character that is
// not a letter, digit, '_' or '&' (so "C#" and "&#39;" are none), followed
// by letters, digits, marks and '_', with at least one letter (so "#1" is
// none), at most 140 characters.
func Hashtags(text string) []string {
	var out []string
	prev := ' '
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if (r == '#' || r == '＃') && !tagChar(prev) && prev != '&' {
			j := i + w
			letters, n := 0, 0
			for j < len(text) {
				c, cw := utf8.DecodeRuneInString(text[j:])
				if !tagChar(c) {
					break
				}
				if unicode.IsLetter(c) {
					letters++
				}
				n++
				j += cw
			}
			if letters > 0 && n <= maxHashtag {
				tag := fold.String(text[i+w : j])
				if !slices.Contains(out, tag) {
					out = append(out, tag)
				}
			}
			prev = 'x'
			i = j
			continue
		}
		prev = r
		i += w
	}
	return out
}

func tagChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// Words splits text into the tokens that text similarity compares:
// case-folded runs of letters, digits and marks (with '_', '#' and '@'
// kept at the start of a token, so hashtags and mentions stay whole); the
// URLs found by URLs are replaced by their normalised form, so a copied
// post whose link differs only in tracking parameters reads the same.
func Words(text string) []string {
	var out []string
	last := 0
	findURLs(text, func(lo, hi int) {
		out = appendWords(out, text[last:lo])
		m := text[lo:hi]
		if n, ok := NormalizeURL(m); ok && !(strings.Contains(m, "@") && !strings.Contains(m, "://")) {
			out = append(out, n)
		} else {
			out = appendWords(out, m)
		}
		last = hi
	})
	return appendWords(out, text[last:])
}

func appendWords(out []string, s string) []string {
	start := -1
	for i, r := range s {
		in := tagChar(r) || ((r == '#' || r == '@') && start < 0)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			out = appendWord(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = appendWord(out, s[start:])
	}
	return out
}

func appendWord(out []string, w string) []string {
	w = strings.TrimRight(w, "#@")
	if w == "" || w == "#" || w == "@" {
		return out
	}
	return append(out, fold.String(w))
}

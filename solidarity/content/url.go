package content

import (
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/net/publicsuffix"
	"mvdan.cc/xurls/v2"
)

// trackingParams are query parameters that identify the click or the
// campaign, not the page: NormalizeURL drops them. Parameters starting
// with "utm_" are dropped too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true, "msclkid": true,
	"yclid": true, "twclid": true, "igshid": true, "mc_cid": true, "mc_eid": true, "_ga": true,
	"_gl": true, "ref_src": true, "ref_url": true, "mkt_tok": true, "oly_enc_id": true, "oly_anon_id": true,
	"vero_id": true, "s_cid": true, "cmpid": true, "spm": true, "xtor": true,
}

// IsTrackingParam reports whether NormalizeURL drops the query parameter
// key (case-insensitive): utm_* and the click identifiers listed in the
// package's docs.
func IsTrackingParam(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// NormalizeURL returns the canonical form of a web address, so that the
// same page linked in different ways compares equal, and false when raw
// is no http(s) address with a host. The rules, in order:
//
//   - surrounding space is trimmed; an address holding white space or a
//     control character, or whose host is not dot-separated labels (or an
//     IPv6 literal), is rejected; one with no scheme ("example.com/a") is
//     read as http;
//   - only http and https are kept, and http becomes https (the same page
//     is linked both ways);
//   - the host is lower-cased, a trailing dot and a leading "www." are
//     removed, and the default ports (:80, :443) are dropped;
//   - the fragment (#...) is dropped;
//   - tracking parameters (utm_*, fbclid, gclid and the others listed in
//     IsTrackingParam) are dropped, the remaining parameters are sorted by
//     name (keeping the order of repeated names), and an empty query is
//     removed;
//   - a trailing slash of the path is removed ("https://a.org/x/" is
//     "https://a.org/x", "https://a.org/" is "https://a.org").
//
// The path keeps its case and its escaping (servers may tell them apart).
// Short links (t.co, bit.ly) are not followed: two short links to one
// page stay different (platform readers store the expanded URL where the
// export gives it).
func NormalizeURL(raw string) (string, bool) {
	s := strings.TrimSpace(raw)
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "", false // an address holds no raw space or control character
	}
	if !strings.Contains(s, "://") {
		if noWebScheme(s) {
			return "", false
		}
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	host = strings.TrimPrefix(host, "www.")
	if !validHost(host) {
		return "", false
	}
	port := u.Port()
	if port == "80" || port == "443" {
		port = ""
	}
	if port != "" {
		if strings.Contains(host, ":") { // IPv6 literal
			host = "[" + host + "]"
		}
		host += ":" + port
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	var b strings.Builder
	b.WriteString("https://")
	if u.User != nil {
		b.WriteString(u.User.String())
		b.WriteByte('@')
	}
	b.WriteString(host)
	p := strings.TrimRight(u.EscapedPath(), "/")
	b.WriteString(p)
	if q := cleanQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), true
}

// validHost accepts an IPv6 literal (it holds ':') or dot-separated
// non-empty labels of letters, digits, '-', '_' and non-ASCII characters.
func validHost(h string) bool {
	if h == "" {
		return false
	}
	if strings.Contains(h, ":") {
		return strings.Trim(h, "0123456789abcdef:.") == ""
	}
	for _, l := range strings.Split(h, ".") {
		if l == "" {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !label(c) && c != '_' {
				return false
			}
		}
	}
	return true
}

// noWebScheme reports whether an address written without "://" names a
// scheme (mailto:, tel:, urn:) or is an e-mail address rather than a host.
func noWebScheme(s string) bool {
	head, _, _ := strings.Cut(s, "/")
	if strings.Contains(head, "@") {
		return true
	}
	if _, port, ok := strings.Cut(head, ":"); ok {
		for _, c := range port {
			if c < '0' || c > '9' {
				return true
			}
		}
	}
	return false
}

// cleanQuery drops tracking parameters and sorts the rest by name (stable),
// keeping each parameter's escaping as written.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type kv struct{ key, pair string }
	var kept []kv
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' }) {
		k, _, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		if key == "" || IsTrackingParam(key) {
			continue
		}
		kept = append(kept, kv{key, part})
	}
	slices.SortStableFunc(kept, func(a, b kv) int { return strings.Compare(a.key, b.key) })
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.pair
	}
	return strings.Join(parts, "&")
}

var relaxed = sync.OnceValue(xurls.Relaxed)

// URLs returns the web addresses in text, normalised (NormalizeURL), in
// order of appearance, each once. Addresses without a scheme are found
// when their domain ends in a known top-level domain (xurls' relaxed
// rule: "example.com/a" is found, "file.txt" is not); e-mail addresses
// and non-web schemes (mailto:, ftp://) are left out.
func URLs(text string) []string {
	var out []string
	findURLs(text, func(lo, hi int) {
		m := text[lo:hi]
		if !strings.Contains(m, "://") && strings.Contains(m, "@") {
			return // an e-mail address
		}
		if n, ok := NormalizeURL(m); ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	})
	return out
}

// findURLs calls f with the byte range of every address xurls finds in
// text, in order. An address holds no white space, so only the
// space-separated fields that may hold one (mayHaveURL) are given to the
// expression: xurls' relaxed expression (every top-level domain in one
// alternation) is slow to scan (0.6 ms for a 200-byte post with a link,
// when given the whole post), and most of a post is words.
func findURLs(text string, f func(lo, hi int)) {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		field := text[start:end]
		if mayHaveURL(field) {
			for _, loc := range relaxed().FindAllStringIndex(field, -1) {
				f(start+loc[0], start+loc[1])
			}
		}
		start = -1
	}
	for i, r := range text {
		if unicode.IsSpace(r) {
			flush(i)
		} else if start < 0 {
			start = i
		}
	}
	flush(len(text))
}

// mayHaveURL is a quick test that text could hold an address xurls
// finds: "://", or a dot between two characters that are neither space
// nor punctuation ending a sentence ("example.com", not "end. Next"),
// so that the slow expression (see findURLs) runs only where it can match.
func mayHaveURL(text string) bool {
	if strings.Contains(text, "://") {
		return true
	}
	for i := 1; i+1 < len(text); i++ {
		if text[i] == '.' && label(text[i-1]) && label(text[i+1]) {
			return true
		}
	}
	return false
}

// label reports whether b can stand next to a dot inside a host name
// (ASCII letters and digits, '-', and any byte of a non-ASCII character).
func label(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b >= 0x80
}

// Domain returns the registrable domain (eTLD+1, by the Public Suffix
// List in golang.org/x/net/publicsuffix) of a URL: "https://news.bbc.co.uk/x"
// gives "bbc.co.uk", "https://user.github.io/p" gives "user.github.io"
// (github.io is a public suffix). The host itself when it has no
// registrable domain (an IP address, "localhost"); "" when u is no URL.
func Domain(u string) string {
	n, ok := NormalizeURL(u)
	if !ok {
		return ""
	}
	p, err := url.Parse(n)
	if err != nil {
		return ""
	}
	host := p.Hostname()
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return d
}

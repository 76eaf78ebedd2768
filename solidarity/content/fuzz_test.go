package content

import (
	"testing"
	"unicode/utf8"
)

// FuzzContent: nothing read from a post panics, and normalising twice
// changes nothing.
func FuzzContent(f *testing.F) {
	for _, s := range []string{"", "mailto:a@b.org", "https://[::1]:443/p", "http://%zz", "#", "＃", "&#39;", "C#",
		"a.b", "https://ex.com/?a&&b=;c", "www.x.y/..//?utm_source", "\xff#\xfe", "https://ex.com:99999/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, ok := NormalizeURL(s); ok {
			if m, ok2 := NormalizeURL(n); !ok2 || m != n {
				t.Errorf("NormalizeURL(%q) = %q, then %q, %v", s, n, m, ok2)
			}
		}
		for _, h := range Hashtags(s) {
			if h == "" || !utf8.ValidString(h) && utf8.ValidString(s) {
				t.Errorf("Hashtags(%q): %q", s, h)
			}
		}
		URLs(s)
		Domain(s)
		Words(s)
	})
}

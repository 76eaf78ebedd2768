package registry

import (
	"errors"
	"strings"
	"testing"
)

func TestEmbeddedRegistry(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// The data sets issue 2 asks for, by the names people type.
	for _, name := range []string{"polblogs", "email-Eu-core", "karate", "polbooks", "football",
		"soc-sign-bitcoin-otc", "CollegeMsg", "higgs-reply", "higgs-mention", "higgs-retweet",
		"higgs-activity", "soc-redditHyperlinks", "twitch_gamers", "lazega-lawyers", "sampson",
		"netseg-classroom", "engagement"} {
		d, err := r.Lookup(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if d.Title == "" || d.Description == "" || len(d.Citations) == 0 || d.License == "" || d.Folder == "" {
			t.Errorf("%s: incomplete entry %+v", name, d)
		}
		for _, f := range d.Files {
			if f.SHA256 == "" && f.Note == "" {
				t.Errorf("%s/%s: no hash and no note saying why", d.Name, f.Name)
			}
			if f.URL == "" && f.Note == "" {
				t.Errorf("%s/%s: no address and no note saying why", d.Name, f.Name)
			}
		}
	}
	// Hash unknown, to be recorded on first use.
	for _, name := range []string{"higgs-retweet", "higgs-activity"} {
		d, _ := r.Lookup(name)
		if d.Files[0].SHA256 != "" {
			t.Errorf("%s has a hash: nobody could verify one", name)
		}
	}
	list := r.List()
	for i := 1; i < len(list); i++ {
		if list[i-1].Name >= list[i].Name {
			t.Errorf("List not sorted: %s before %s", list[i-1].Name, list[i].Name)
		}
	}
	if d, _ := r.Lookup("collegemsg"); d.FileByRole(RoleEdges).Columns[2] != "time" {
		t.Error("CollegeMsg's third column is a time")
	}
}

func TestLookupSuggests(t *testing.T) {
	cases := []struct {
		typed string
		want  string // first suggestion
	}{
		{"polblog", "polblogs"},
		{"polbloks", "polblogs"},
		{"karatee", "karate"},
		{"email-eu", "email-eu-core"},
		{"collegmsg", "collegemsg"},
		{"higs-reply", "higgs-reply"},
	}
	for _, c := range cases {
		_, err := Lookup(c.typed)
		var nf *NotFoundError
		if !errors.As(err, &nf) || len(nf.Suggestions) == 0 || nf.Suggestions[0] != c.want {
			t.Errorf("Lookup(%q) = %v, want first suggestion %q", c.typed, err, c.want)
			continue
		}
		if !strings.Contains(err.Error(), `did you mean "`+c.want+`"`) {
			t.Errorf("message %q", err)
		}
	}
	_, err := Lookup("zzzzzzzzzzzz")
	var nf *NotFoundError
	if !errors.As(err, &nf) || len(nf.Suggestions) != 0 || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("nonsense name: %v", err)
	}
	if d, err := Lookup("  BITCOIN-OTC "); err != nil || d.Name != "soc-sign-bitcoin-otc" {
		t.Errorf("alias lookup: %v %v", d.Name, err)
	}
}

func TestParseRejects(t *testing.T) {
	entry := func(fields, files string) string {
		return `{"schema": 1, "datasets": [{"name": "x", "title": "", "description": "", "citations": [], "license": "",
			"homepage": "", "format": "csv", "directed": true, "attribute": "", "folder": "x"` + fields + `, "files": [` + files + `]}]}`
	}
	ok := `{"name": "e.csv", "role": "edges", "url": "https://example.org/e.csv", "sha256": ""}`
	cases := []struct{ name, js, want string }{
		{"not json", `{`, "registry:"},
		{"schema", `{"schema": 2, "datasets": []}`, "schema 2"},
		{"unknown field", entry(`, "colour": "red"`, ok), "unknown field"},
		{"no edges", entry("", `{"name": "n.csv", "role": "nodes", "url": "https://e.org/n", "sha256": ""}`), `no file with role "edges"`},
		{"bad role", entry("", ok+`, {"name": "n.csv", "role": "node", "sha256": ""}`), `role "node"`},
		{"bad compression", entry("", `{"name": "e.csv", "role": "edges", "compression": "bz2", "sha256": ""}`), `compression "bz2"`},
		{"zip without member", entry("", `{"name": "e.csv", "role": "edges", "url": "https://e.org/a.zip", "compression": "zip", "sha256": ""}`), "needs a member"},
		{"bad hash", entry("", `{"name": "e.csv", "role": "edges", "sha256": "abc"}`), "64 lower-case hex"},
		{"upper-case hash", entry("", `{"name": "e.csv", "role": "edges", "sha256": "`+strings.Repeat("A", 64)+`"}`), "64 lower-case hex"},
		{"file outside folder", entry("", `{"name": "../e.csv", "role": "edges", "sha256": ""}`), "relative path"},
		{"ftp address", entry("", `{"name": "e.csv", "role": "edges", "url": "ftp://e.org/e.csv", "sha256": ""}`), "http(s) URL"},
		{"duplicate file", entry("", ok+","+ok), "listed twice"},
		{"duplicate alias", entry(`, "aliases": ["X"]`, ok), "already used"},
		{"no files", entry("", ""), "no files"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.js))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

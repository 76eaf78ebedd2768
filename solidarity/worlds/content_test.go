package worlds

import (
	"strings"
	"testing"
)

func TestGenerateContent(t *testing.T) {
	cfg := DefaultContent()
	cfg.Actors, cfg.Days = 100, 3
	a, err := GenerateContent(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Release()
	b, _ := GenerateContent(cfg)
	defer b.Release()
	// Deterministic in the config, seed included.
	if a.Events.Len() != b.Events.Len() || a.Events.Text(7) != b.Events.Text(7) || a.Events.URL(9) != b.Events.URL(9) {
		t.Fatalf("same config, different worlds: %d vs %d events", a.Events.Len(), b.Events.Len())
	}
	if len(a.Cells) != 3 || len(a.Cells[0]) != 6 || a.Campaigns == 0 {
		t.Fatalf("cells %v, campaigns %d", a.Cells, a.Campaigns)
	}
	// Every campaign gives one post per member, carrying the campaign URL.
	campaign := 0
	for i := 0; i < a.Events.Len(); i++ {
		if strings.Contains(a.Events.URL(i), "campaign") {
			campaign++
		}
	}
	if campaign != a.Campaigns*6 {
		t.Errorf("%d campaign posts, want %d campaigns x 6", campaign, a.Campaigns)
	}
	if !a.Events.HasText() || a.OrganicURLPosts == 0 || a.OrganicMemePosts == 0 {
		t.Errorf("organic URL posts %d, meme posts %d", a.OrganicURLPosts, a.OrganicMemePosts)
	}
	for _, bad := range []func(c *ContentConfig){
		func(c *ContentConfig) { c.Actors = 1 },
		func(c *ContentConfig) { c.URLShare, c.MemeShare = 0.8, 0.5 },
		func(c *ContentConfig) { c.Cells, c.CellSize = 50, 10 },
		func(c *ContentConfig) { c.CellJitter = -1 },
		func(c *ContentConfig) { c.Memes = 0 },
	} {
		c := DefaultContent()
		bad(&c)
		if _, err := GenerateContent(c); err == nil {
			t.Errorf("config %+v accepted", c)
		}
	}
}

package validate

import (
	"strings"
	"testing"
)

// The card names the command that runs its own grid: the committed
// card's, a quick card's, or a grid with more seeds (a 200-seed card once
// said "--out docs", the default grid's command).
func TestCardCommand(t *testing.T) {
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{}, "`solidarity validate --out docs`"},
		{Options{Quick: true}, "`solidarity validate --quick --out DIR`"},
		{Options{NullSeeds: 200, PlantedSeeds: 1}, "`solidarity validate --null-seeds 200 --planted-seeds 1 --out DIR`"},
		{Options{Quick: true, NullSeeds: 12, PlantedSeeds: 6}, "`solidarity validate --quick --out DIR`"},
		{Options{Actors: 300}, "`solidarity validate --out DIR` with validate.Options Actors 300 and Null 99"},
	} {
		if got := c.o.withDefaults().command(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.o, got, c.want)
		}
	}
	card := &Card{Options: Options{NullSeeds: 200, PlantedSeeds: 1}.withDefaults()}
	if md := card.Markdown(); !strings.Contains(md, "Regenerate with `solidarity validate --null-seeds 200 --planted-seeds 1 --out DIR` (the full grid: 200 seeds") {
		t.Errorf("markdown: %.400s", md)
	}
}

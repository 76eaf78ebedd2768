package simulate_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func Example() {
	cfg := simulate.DefaultConfig() // 1000 actors, 2 groups, 7 days, solidarity 1
	cfg.Seed = 42
	cfg.CoordinatedCells, cfg.CellSize = 2, 5
	world, err := simulate.Run(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	truth := world.Truth()
	fmt.Println("groups:", truth.GroupSizes)
	fmt.Println("items:", truth.Items, "events:", truth.Events, "from cells:", truth.CoordinatedEvent)
	fmt.Println("first cell:", truth.CoordinatedCells[0])
	// world.WriteDir("sim") writes events.csv, actors.csv, follows.csv, items.csv, truth.json.

	// Output:
	// groups: [508 492]
	// items: 3607 events: 13514 from cells: 215
	// first cell: [115 137 239 616 877]
}

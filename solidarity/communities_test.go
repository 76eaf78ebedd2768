package solidarity

import (
	"path/filepath"
	"testing"
)

func TestFacadeCommunities(t *testing.T) {
	n, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	m, r, err := FindCommunities(n, CommunityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Release()
	if r.Communities < 1 || r.Method != "leiden" || r.Seed != 1 {
		t.Errorf("result %+v", r)
	}
	rep, err := Stats(m, "community")
	if err != nil || rep.Homophily == nil || rep.Homophily.Groups != r.Communities {
		t.Fatalf("Stats on the community attribute: %v", err)
	}
	l, lr, err := LinkLeaning(m)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if err := WriteGraph(l, filepath.Join(t.TempDir(), "g.gexf"), "gexf"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d communities, Q %.3f; leaning scaled %d nodes (%s)", r.Communities, r.Modularity, lr.UsedRows, lr.Reason)
}

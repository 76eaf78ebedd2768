// Package solidarity is the notebook-facing face of the toolkit: one import
// that loads networks (public data sets by name, your own files, or the
// embedded default), computes homophily and reciprocity, and shows tables and
// figures inline in a Go notebook.
//
//	n, err := solidarity.Load("polblogs")   // downloads once, then cached
//	if err != nil { ... }
//	defer n.Release()
//	s, err := solidarity.Stats(n, "value")
//	solidarity.Show(s)
//
// The engagement analyses share one shape: events in, an options value
// (zero is a sensible default), a result that names its people and items:
//
//	ev, err := solidarity.LoadEvents("collegemsg") // or ReadEvents(path, actors)
//	r, err := solidarity.Reciprocal(ev, solidarity.ReciprocalOptions{Window: 86400})
//	c, err := solidarity.Comrades(ev, solidarity.ComradesOptions{})
//	// and Trending, Coordination, Echo
//
// It is a thin layer over small packages, each holding one idea:
// network (the data model), formats (file readers), registry (public data
// sets), frames (gota data frames), homophily and reciprocity (the indices),
// events, simulate, comrades, reciprocal, trending, coordination and echo (the
// solidarity analyses), figures and display. Use those directly for more
// control.
//
// Memory: a *Network holds Arrow tables; call its Release method when done.
// It is the only value you have to release.
package solidarity

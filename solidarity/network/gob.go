package network

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// gobIndex is what an Index keeps through encoding/gob: its ids in dense
// order; the lookup maps are rebuilt.
type gobIndex struct {
	Ints     []int64
	Strs     []string
	IsStr    bool
	NodeRows int
	Dense    bool
}

// GobEncode lets an Index travel through encoding/gob (solidarity's memo
// keeps results that name their people with one).
func (ix *Index) GobEncode() ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(gobIndex{Ints: ix.ints, Strs: ix.strs, IsStr: ix.isStr, NodeRows: ix.NodeRows, Dense: ix.dense != nil})
	return b.Bytes(), err
}

// GobDecode rebuilds an Index written by GobEncode.
func (ix *Index) GobDecode(data []byte) error {
	var g gobIndex
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&g); err != nil {
		return fmt.Errorf("network: decoding an index: %w", err)
	}
	var fresh *Index
	if g.IsStr {
		fresh = NewStringIndex(len(g.Strs))
		for _, s := range g.Strs {
			fresh.AddString(s)
		}
	} else {
		fresh = NewIntIndex(len(g.Ints))
		if g.Dense {
			var hi int64 = -1
			for _, v := range g.Ints {
				hi = max(hi, v)
			}
			fresh.useDense(hi)
		}
		for _, v := range g.Ints {
			fresh.AddInt(v)
		}
	}
	if fresh.Len() != len(g.Ints)+len(g.Strs) {
		return errors.New("network: decoding an index: repeated ids")
	}
	fresh.NodeRows = g.NodeRows
	*ix = *fresh
	return nil
}

// gobNetwork is what a Network keeps through encoding/gob: its tables as
// Arrow IPC streams and what New needs to rebuild it.
type gobNetwork struct {
	Name         string
	Directed     bool
	Columns      Columns
	Edges, Nodes []byte
}

// GobEncode lets a Network travel through encoding/gob as its edges and
// nodes tables (Arrow IPC); GobDecode rebuilds it with New, so a decoded
// network is a new value to Release.
func (n *Network) GobEncode() ([]byte, error) {
	if n.edges == nil {
		return nil, errors.New("network: cannot encode a released network")
	}
	g := gobNetwork{Name: n.Name, Directed: n.directed, Columns: n.cols}
	var err error
	if g.Edges, err = ipcBytes(n.edges); err != nil {
		return nil, err
	}
	if n.nodes != nil {
		if g.Nodes, err = ipcBytes(n.nodes); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	err = gob.NewEncoder(&b).Encode(g)
	return b.Bytes(), err
}

// GobDecode rebuilds a Network written by GobEncode.
func (n *Network) GobDecode(data []byte) error {
	var g gobNetwork
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&g); err != nil {
		return fmt.Errorf("network: decoding a network: %w", err)
	}
	edges, err := fromIPC(g.Edges)
	if err != nil {
		return err
	}
	defer edges.Release()
	var nodes arrow.RecordBatch
	if g.Nodes != nil {
		if nodes, err = fromIPC(g.Nodes); err != nil {
			return err
		}
		defer nodes.Release()
	}
	fresh, err := New(edges, nodes, g.Directed, g.Columns)
	if err != nil {
		return err
	}
	n.Name = g.Name
	n.directed, n.cols = fresh.directed, fresh.cols
	n.edges, n.nodes, n.index = fresh.edges, fresh.nodes, fresh.index
	n.src, n.dst, n.weight, n.report = nil, nil, fresh.weight, fresh.report
	s := fresh.Simple()
	n.simpleOnce.Do(func() { n.simple = s })
	return nil
}

func ipcBytes(rec arrow.RecordBatch) ([]byte, error) {
	var b bytes.Buffer
	w := ipc.NewWriter(&b, ipc.WithSchema(rec.Schema()))
	if err := w.Write(rec); err != nil {
		return nil, fmt.Errorf("network: encoding a table: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("network: encoding a table: %w", err)
	}
	return b.Bytes(), nil
}

func fromIPC(data []byte) (arrow.RecordBatch, error) {
	r, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		return nil, fmt.Errorf("network: decoding a table: %w", err)
	}
	defer r.Release()
	if !r.Next() {
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("network: decoding a table: %w", err)
		}
		return nil, errors.New("network: decoding a table: empty Arrow stream")
	}
	rec := r.RecordBatch()
	rec.Retain()
	return rec, nil
}

package info

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
)

const fixtures = "../../../solidarity/platforms/testdata/"

// The JSON contract of issue 11, on the Reddit fixture (numbers counted by
// hand in solidarity/platforms/platforms_test.go).
func TestEventsJSON(t *testing.T) {
	var out, errb bytes.Buffer
	err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb},
		[]string{"--events", fixtures + "reddit/dump.ndjson", "--events-format", "reddit", "--json"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	var m struct {
		Events, Actors, Items int
		Kinds, Skipped        map[string]int
		FirstTime             int64 `json:"first_time"`
		LastTime              int64 `json:"last_time"`
	}
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m.Events != 11 || m.Actors != 5 || m.Items != 7 || m.Kinds["reply"] != 4 || m.Skipped["deleted"] != 2 ||
		m.Skipped["parent_deleted"] != 1 || m.FirstTime != 1600000000 || m.LastTime != 1600000420 {
		t.Errorf("%+v", m)
	}
}

func TestEventsMapAndErrors(t *testing.T) {
	var out bytes.Buffer
	io := &cmdutil.IO{Out: &out, Err: &out}
	err := Run(context.Background(), io, []string{"--events", fixtures + "generic/engagement.ndjson", "--events-format", "ndjson",
		"--map", "actor=user.id,item=post_id,author=owner,kind=action,time=ts"})
	if err != nil || !strings.Contains(out.String(), "missing_field") {
		t.Errorf("%v\n%s", err, out.String())
	}
	var ue *cmdutil.UsageError
	err = Run(context.Background(), io, []string{"--events", fixtures + "generic/engagement.ndjson", "--events-format", "myspace"})
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "bluesky") {
		t.Errorf("unknown format: %v", err)
	}
	err = Run(context.Background(), io, []string{"--events", fixtures + "generic/engagement.ndjson", "--events-format", "ndjson", "--map", "who=x"})
	if !errors.As(err, &ue) {
		t.Errorf("bad map: %v", err)
	}
}

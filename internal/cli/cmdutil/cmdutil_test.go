package cmdutil

import (
	"flag"
	"io"
	"strings"
	"testing"
)

func TestParseAllowsFlagsAfterArguments(t *testing.T) {
	for _, c := range []struct {
		args []string
		json bool
		pos  string
		code int
	}{
		{[]string{"a", "--json"}, true, "a", 0},
		{[]string{"--json", "a", "b"}, true, "a b", 0},
		{[]string{"a", "--", "--json"}, false, "a --json", 0},
		{[]string{"a", "b", "c"}, false, "", 2}, // more than 2 positional
		{[]string{"--nope"}, false, "", 2},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		j := fs.Bool("json", false, "")
		err := Parse(fs, c.args, 2)
		if ExitCode(err) != c.code {
			t.Errorf("%v: exit %d (%v), want %d", c.args, ExitCode(err), err, c.code)
			continue
		}
		if err == nil && (*j != c.json || strings.Join(fs.Args(), " ") != c.pos) {
			t.Errorf("%v: json=%v args=%q, want %v %q", c.args, *j, fs.Args(), c.json, c.pos)
		}
	}
}

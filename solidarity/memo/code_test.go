package memo_test

import (
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/memo"
)

// Tests build from source, so the code stamp comes from the source files.
func TestCodeVersion(t *testing.T) {
	v := memo.CodeVersion()
	if !strings.HasPrefix(v, "src:") || v != memo.CodeVersion() {
		t.Errorf("CodeVersion = %q, want a stable source stamp", v)
	}
}

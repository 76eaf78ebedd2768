#!/usr/bin/env bash
# Runs every test of the toolkit on a fresh machine: formatting and vet, the
# Go tests (reading public data sets from ../shared/datasets/raw when it is
# there), and every notebook executed headless on the GoNB kernel.
# Installs what it needs (Debian's Jupyter, a GoNB build) on the way.
# Usage: bash scripts/test.sh          (CI runs exactly this via .ci/run)
#        SKIP_NOTEBOOKS=1 bash scripts/test.sh   to leave the notebooks out
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null)/bin"

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

# Tests read the public data sets through the offline mirror and use a
# scratch cache, so nothing from an earlier run can hide a failure.
# Where the mirror is present, every public-data test and notebook must run:
# SOLIDARITY_REQUIRE_SHARED=1 turns their skips into failures.
if [ -d "$root/../shared/datasets/raw" ]; then
  export SOLIDARITY_MIRROR="${SOLIDARITY_MIRROR:-$(cd "$root/../shared/datasets/raw" && pwd)}"
  export SOLIDARITY_REQUIRE_SHARED=1
else
  echo "note: ../shared/datasets/raw not found; tests and notebooks on public data sets will be skipped"
fi
# The generated hostile inputs (hundreds of MB each, read under ulimit -v).
export SOLIDARITY_HOSTILE=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export SOLIDARITY_CACHE="$scratch/cache"

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...

step "go test"
go test -count=1 -timeout 20m ./...

step "go test scale/duckdb (its own module: cgo DuckDB, built once and cached)"
(cd scale/duckdb && go vet ./... && go test -count=1 -timeout 20m ./...)

step "go test scale/beam (its own module: Apache Beam Go SDK, pipelines on Prism)"
(cd scale/beam && export GONOSUMDB=github.com/apache/beam && go vet ./... && go test -count=1 -timeout 20m ./...)

step "command line on the embedded default"
go run ./cmd/solidarity stats --json > "$scratch/stats.json"
head -n 24 "$scratch/stats.json"

step "detectability card, quick grid (solidarity validate --quick)"
go run ./cmd/solidarity validate --quick --out "$scratch/validation"
# A calibrated detector must stay calibrated: the card's verdicts are
# printed, and a null on which the fixed-effects estimate or the
# coordination test fires beyond sampling error fails the run.
grep -E '^## |\*\*over\*\*' "$scratch/validation/validation.md" | head -n 40
go run ./internal/validatecheck "$scratch/validation/validation.json"

if [ "${SKIP_NOTEBOOKS:-}" != "1" ]; then
  step "notebooks"
  bash .ci/notebooks.sh
fi
step "done"

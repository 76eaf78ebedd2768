#!/usr/bin/env bash
# Runs every fuzz target of the core module for FUZZTIME each (default 60s),
# one worker at a time. A crasher is written by `go test` under the
# package's testdata/fuzz/<Target>/ and from then on runs as a regression
# case in the ordinary `go test ./...`: commit it with its fix.
#
#   bash scripts/fuzz.sh              # all targets, 60 s each
#   FUZZTIME=10m bash scripts/fuzz.sh solidarity/platforms
#
# Not part of scripts/test.sh: fuzzing is open-ended and CPU-bound.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
	mapfile -t pkgs < <(grep -rl --include='*_test.go' '^func Fuzz' solidarity | xargs -n1 dirname | sort -u)
fi
status=0
for p in "${pkgs[@]}"; do
	for t in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$p"/*_test.go | sed 's/^func //'); do
		echo "== ./$p $t ($fuzztime)"
		# -fuzzminimizetime keeps a new interesting input from stalling the
		# run for a minute while it is minimised (the default is 60 s).
		if ! go test -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s -parallel 1 "./$p" 2>&1 | tail -4; then
			status=1
		fi
	done
done
exit $status

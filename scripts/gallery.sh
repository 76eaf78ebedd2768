#!/usr/bin/env bash
# Renders the figures of docs/gallery.md into docs/gallery/ with the
# command line, exactly as the page says:
#
#   docs/gallery/default/     the network set of the embedded data set
#   docs/gallery/polblogs/    the network set of the political blogs, read
#                             offline from the shared mirror
#   docs/gallery/engagement/  the engagement set of a simulated world
#   docs/gallery/collegemsg/  the engagement set of CollegeMsg (SNAP), from
#                             the same mirror
#
# Figures are SVG, except network drawings whose SVG would be larger than
# 400 kB (polblogs: 2.4 MB), which are PNG. Two runs write the same bytes.
#
# Usage: scripts/gallery.sh            (from the repository root)
#   SOLIDARITY_MIRROR   where polblogs and CollegeMsg are read from (default ../shared/datasets/raw)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
out=docs/gallery
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export SOLIDARITY_MIRROR=${SOLIDARITY_MIRROR:-$root/../shared/datasets/raw}
export SOLIDARITY_CACHE=$tmp/cache # never the user's cache: the mirror is the source

go build -o "$tmp/solidarity" ./cmd/solidarity
sol() { "$tmp/solidarity" "$@"; }

# pngIfHuge DIR FLAGS...: re-renders DIR's network drawing as PNG when its
# SVG is too large for a web page, and points report.md at the PNG.
pngIfHuge() {
	local dir=$1
	shift
	local svg=$dir/network.svg
	if [[ -f $svg && $(stat -c %s "$svg") -gt 400000 ]]; then
		sol figures "$@" --out "$tmp/png" --format png >/dev/null
		cp "$tmp/png/network.png" "$dir/network.png"
		rm "$svg"
		sed -i 's/(network\.svg)/(network.png)/' "$dir/report.md"
		rm -rf "$tmp/png"
	fi
}

rm -rf "$out/default" "$out/polblogs" "$out/engagement" "$out/collegemsg"

# 1. The network set of the embedded data set.
sol figures --attr group --out "$out/default" >/dev/null

# 2. The network set of the political blogs (Adamic and Glance 2005),
#    leaning in the node attribute "value".
sol figures --dataset polblogs --attr value --labels 0=liberal,1=conservative --out "$out/polblogs" >/dev/null
pngIfHuge "$out/polblogs" --dataset polblogs --attr value --labels 0=liberal,1=conservative

# 3. The engagement set of a simulated world with planted solidarity and
#    three coordinated cells.
sol simulate --seed 1 --actors 1000 --groups 3 --days 7 --solidarity 1.5 \
	--coordinated-cells 3 --cell-size 8 --out "$tmp/sim" >/dev/null
sol figures --events "$tmp/sim/events.csv" --actors "$tmp/sim/actors.csv" \
	--follows "$tmp/sim/follows.csv" --items "$tmp/sim/items.csv" \
	--truth "$tmp/sim/truth.json" --out "$out/engagement" >/dev/null
# The report names the temporary folder; name the files as the page does.
sed -i "s#$tmp/sim/#sim/#g" "$out/engagement/report.md" "$out/engagement/engagement.json"

# 4. The engagement set of a real message log: CollegeMsg (SNAP), each
#    message an item, no groups, quality or leaning.
sol fetch collegemsg >/dev/null
sol figures --events "$SOLIDARITY_CACHE/collegemsg/CollegeMsg.txt" --events-format snap --exposure all \
	--out "$out/collegemsg" >/dev/null 2>&1
sed -i "s#$SOLIDARITY_CACHE/collegemsg/##g" "$out/collegemsg/report.md" "$out/collegemsg/engagement.json"

du -sh "$out"
ls "$out"/*/

#!/usr/bin/env bash
# End to end, side by side: `emotion-art generate STYLE EMOTION N` (JVM start to PNGs on disk) against
# what the original project's generator_64.py did for the same call (Python start, torch import, build
# the generator, load a state_dict, generate N, save a grid: training/bench/original_generate.py), at
# the shipped generators' width (16) and at the original's (64). Alternating runs; wall time and peak
# RSS from /usr/bin/time; medians.
#
#   training/bench/compare-generate.sh [ROUNDS] [STYLE] [EMOTION] [N]
#
# Needs: a built target/emotion-art.jar, and `apt-get install -y python3-torch libopenblas0-pthread`.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-5}; STYLE=${2:-landscape}; EMOTION=${3:-positive}; N=${4:-20}
export TF_CPP_MIN_LOG_LEVEL=2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
py=(env LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3)  # an argv: /usr/bin/time runs it
"${py[@]}" training/bench/original_generate.py --make "$tmp/netG16.pth" 16
"${py[@]}" training/bench/original_generate.py --make "$tmp/netG64.pth" 64
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A wall rss
run() { # name, then the command
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > /dev/null 2>&1
  read -r w r < "$tmp/time"
  echo "  $name: ${w} s, $((r / 1024)) MB" >&2
  wall[$name]+="$w"$'\n'; rss[$name]+="$((r / 1024))"$'\n'
}
java -jar target/emotion-art.jar generate "$STYLE" "$EMOTION" "$N" --out "$tmp/warm" > /dev/null 2>&1  # unpack natives once
for i in $(seq "$ROUNDS"); do
  echo "round $i/$ROUNDS" >&2
  run emotion-art java -jar target/emotion-art.jar generate "$STYLE" "$EMOTION" "$N" --out "$tmp/ours"
  run original-w16 "${py[@]}" training/bench/original_generate.py "$tmp/netG16.pth" "$EMOTION" "$N" "$tmp/orig16.png" 16
  run original-w64 "${py[@]}" training/bench/original_generate.py "$tmp/netG64.pth" "$EMOTION" "$N" "$tmp/orig64.png" 64
done
printf '%-14s %10s %14s\n' what "wall (s)" "peak RSS (MB)"
for name in emotion-art original-w16 original-w64; do
  printf '%-14s %10s %14s\n' "$name" "$(printf '%s' "${wall[$name]}" | median)" "$(printf '%s' "${rss[$name]}" | median)"
done

#!/usr/bin/env bash
# Side by side on this machine: emotion-art's `bench train` / `bench generate` against the PyTorch
# baseline of the original architecture (seed_cgan_bench.py, Debian's PyTorch with OpenBLAS),
# alternating runs, then the ratio of the medians of img/s.
#
#   training/bench/compare-pytorch.sh [PATH/TO/seed_cgan_bench.py] [RUNS]
#
# Needs: a built target/emotion-art.jar, and `apt-get install -y python3-torch libopenblas0-pthread`.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${1:-../shared/bench/seed_cgan_bench.py}
RUNS=${2:-3}
export TF_CPP_MIN_LOG_LEVEL=2
# The baseline at its best (../shared/bench/README.md): OpenBLAS named, and its kernel unpinned for this
# command alone (OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE pin it to an older, 6x slower kernel here).
torch() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread \
  /usr/bin/python3 "$BENCH" "$@" | tail -n 1; }
ours() { java -jar target/emotion-art.jar bench "$@" | tail -n 1; }
rate() { sed -E 's/.*img_per_s=([0-9.]+).*/\1/'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A results
run() { # name, then the command
  local name=$1; shift
  local line; line=$("$@"); echo "  $name: $line" >&2
  results[$name]+="$(echo "$line" | rate)"$'\n'
}
for i in $(seq "$RUNS"); do
  echo "round $i/$RUNS" >&2
  run ours-train ours train --batch 64 --steps 8 --warmup 1
  run torch-train torch --mode train --batch 64 --steps 8 --warmup 1 --threads 2
  run ours-gen64 ours generate --batch 64 --steps 10 --warmup 2
  run torch-gen64 torch --mode generate --batch 64 --steps 10 --warmup 2 --threads 2
  run ours-gen20 ours generate --batch 20 --steps 10 --warmup 2
  run torch-gen20 torch --mode generate --batch 20 --steps 10 --warmup 2 --threads 2
done
for what in train gen64 gen20; do
  o=$(printf '%s' "${results[ours-$what]}" | median)
  t=$(printf '%s' "${results[torch-$what]}" | median)
  printf '%-6s emotion-art %8.2f img/s   pytorch %8.2f img/s   ratio %.2f\n' "$what" "$o" "$t" "$(awk -v o="$o" -v t="$t" 'BEGIN {print o / t}')"
done

#!/bin/bash
# Times a training step with two builds of emotion-art, alternated, at three settings (the shipped
# landscape settings, width 32, the original widths): bench train's last-line figures, one line per run.
#   training/bench/compare-jars.sh BEFORE_DIR AFTER_DIR [ROUNDS]
# Each DIR holds emotion-art.jar and its lib/ (copy target/emotion-art.jar and target/lib after
# `mvn -q -DskipTests package` at each commit). The shipped settings need work/benchmark
# (`synth --out work/benchmark --per-class 1000 --size 64 --seed 0`).
set -euo pipefail
cd "$(dirname "$0")/../.."
export TF_CPP_MIN_LOG_LEVEL=2
before=${1:?usage: compare-jars.sh BEFORE_DIR AFTER_DIR [ROUNDS]}
after=${2:?usage: compare-jars.sh BEFORE_DIR AFTER_DIR [ROUNDS]}
rounds=${3:-3}
declare -A cfg=(
  [shipped]="--g-width 16 --d-width 16 --g-upsample resize --conditioning projection --diffaugment --mode-seeking 0.1 --ema 0.999 --data work/benchmark --style landscape --steps 120 --warmup 20"
  [width32]="--g-width 32 --d-width 32 --steps 40 --warmup 8"
  [original]="--steps 8 --warmup 2"
)
for r in $(seq "$rounds"); do
  for name in shipped width32 original; do
    for dir in "$before" "$after"; do
      # shellcheck disable=SC2086
      line=$(java -jar "$dir/emotion-art.jar" bench train ${cfg[$name]} 2>&1 | grep "^mode=")
      echo "round $r $name $dir $(grep -o 'img_per_s=[0-9.]*\|img_per_s_mean=[0-9.]*\|peak_gflop_per_s=[0-9]*\|peak_pct=[0-9.]*' <<<"$line" | tr '\n' ' ')"
    done
  done
done

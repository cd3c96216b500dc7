#!/usr/bin/env bash
# The generator's moving average against its raw weights, from the same run and checkpoints (so at
# equal wall-clock: the average costs nothing measurable per step). For each checkpoint step, exports
# both and evaluates them as the README's tables do: 300 paintings per emotion, seeds 1000000..,
# against 300 held-out benchmark paintings per emotion, on the shipped classifier's features.
#
#   training/compare-ema.sh RUN_DIR STEP...      (RUN_DIR: a train-gan --ema run)
#
# Needs a built target/emotion-art.jar and jq; prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2
JAR=${JAR:-target/emotion-art.jar}  # JAR=copy.jar while target/ is being rebuilt
run=$1; shift
style=$(jq -r .style "$run/config.json")
HELDOUT=${HELDOUT:-work/benchmark-heldout}
java -jar "$JAR" synth --out "$HELDOUT" --per-class 600 --seed 1 --skip-if-present > /dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| step | weights | FD ratio | KID | precision | recall | adherence | diversity ratio (mean) |"
echo "|---|---|---|---|---|---|---|---|"
for step in "$@"; do
  for w in raw ema; do
    java -jar "$JAR" export-gan "$run" --out "$tmp/$w-$step/generator-$style" --step "$step" --weights "$w" > /dev/null
    java -jar "$JAR" evaluate --generator "$tmp/$w-$step/generator-$style" --classifier savedmodels/classifier \
        --per-emotion 300 --seed 1000000 --data "$HELDOUT" --out "$tmp/$w-$step/eval" > /dev/null 2>&1
    j="$tmp/$w-$step/eval/evaluation.json"
    jq -r --arg s "$step" --arg w "$w" '"| \($s) | \($w) | \(.quality.all.fdRatio*10|round/10) | \(.quality.all.kidMean*1000|round/1000) ± \(.quality.all.kidStd*1000|round/1000) | \(.quality.all.precision*1000|round/1000) | \(.quality.all.recall*1000|round/1000) | \(.adherence.overall*1000|round/10) % | \(([.diversity.negative.ratio, .diversity.neutral.ratio, .diversity.positive.ratio]|add/3)*100|round/100) |"' "$j"
    cp "$tmp/$w-$step/eval/samples.png" "work/compare-ema-$style-$w-$step.png" 2>/dev/null || true
  done
done

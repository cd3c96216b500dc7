#!/usr/bin/env bash
# Builds training/reports/<model>/ for the shipped bundles from their training runs (work/runs/) and
# an `evaluate` of each generator against the shipped classifier.
#
#   training/make-reports.sh [STYLE...]        (default: the four shipped styles)
#
# Needs a built target/emotion-art.jar and the runs that the Maven training goals leave in work/runs/.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2
JAR=target/emotion-art.jar
RUNS=${RUNS:-work/runs}
STYLES=("$@")
[ ${#STYLES[@]} -gt 0 ] || STYLES=(abstract flower-painting landscape portrait)

if [ -d "$RUNS/classifier" ]; then
  out=training/reports/classifier
  mkdir -p "$out"
  cp "$RUNS/classifier/"{config.json,split.json,epochs.csv,learning-curve.png,confusion-matrix.png,report.md,report.json} "$out/"
fi
for style in "${STYLES[@]}"; do
  run=$RUNS/gan-$style
  out=training/reports/generator-$style
  [ -d "$run" ] || { echo "no run $run, skipping $style" >&2; continue; }
  mkdir -p "$out"
  cp "$run/config.json" "$run/loss.csv" "$run/loss.png" "$out/"
  last=$(ls "$run/samples" | grep -E '^step-[0-9]{8}\.png$' | sort | tail -n 1)
  cp "$run/samples/$last" "$out/samples-final.png"
  java -jar "$JAR" evaluate --generator "savedmodels/generator-$style" --classifier savedmodels/classifier \
      --per-emotion 300 --seed 1000000 --data work/benchmark --out "$out/evaluation" | tail -n 8
done

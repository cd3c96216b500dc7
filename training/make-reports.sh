#!/usr/bin/env bash
# Builds training/reports/<model>/ for the shipped bundles from their training runs (work/runs/) and
# an `evaluate` of each generator against the shipped classifier.
#
#   training/make-reports.sh [STYLE...]        (default: the four shipped styles)
#
# Needs a built target/emotion-art.jar, jq, and the runs that the Maven training goals leave in work/runs/.
# Each generator's folder gets a README.md that puts settings, pictures and numbers on one page.
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
# held-out benchmark paintings for the image-quality figures: another seed than the training data's
HELDOUT=${HELDOUT:-work/benchmark-heldout}
java -jar "$JAR" synth --out "$HELDOUT" --per-class 600 --seed 1 --skip-if-present > /dev/null
for style in "${STYLES[@]}"; do
  run=$RUNS/gan-$style
  out=training/reports/generator-$style
  [ -d "$run" ] || { echo "no run $run, skipping $style" >&2; continue; }
  mkdir -p "$out"
  cp "$run/config.json" "$run/loss.csv" "$run/loss.png" "$out/"
  last=$(ls "$run/samples" | grep -E '^step-[0-9]{8}\.png$' | sort | tail -n 1)
  cp "$run/samples/$last" "$out/samples-final.png"
  # the quality measured while training (--eval-every), which export-gan --best picks from
  quality=""
  [ -f "$run/quality.csv" ] && cp "$run/quality.csv" "$run/quality.png" "$out/" && quality=yes
  # the step the shipped bundle holds (export-gan --best may have taken an earlier one than the last)
  bundle=savedmodels/generator-$style
  shipped=$(jq -r .steps "$bundle/$(ls "$bundle" | grep -E '^[0-9]+$' | sort -n | tail -n 1)/assets.extra/emotion-art.json")
  java -jar "$JAR" evaluate --generator "savedmodels/generator-$style" --classifier savedmodels/classifier \
      --per-emotion 300 --seed 1000000 --data "$HELDOUT" --out "$out/evaluation" | tail -n 15
  c="$out/config.json"
  # the settings file the shipped generators were trained with (training/gan-benchmark*.args)
  args=training/gan-benchmark.args
  [ "$(jq -r .steps "$c")" = 24000 ] && args=training/gan-benchmark-24k.args
  [ "$(jq -r .architecture "$c")" = conditional-dcgan/projection ] && args=training/gan-benchmark-projection.args
  if [ "$(jq -r '.spec.upsampling // "DECONV"' "$c")" = RESIZE ]; then
    args=training/gan-benchmark-resize.args
    [ "$(jq -r .architecture "$c")" = conditional-dcgan/projection ] && args=training/gan-benchmark-resize-projection.args
    [ "$(jq -r '.settings.modeSeeking // 0' "$c")" != 0 ] && args=${args%.args}-modeseeking.args
    [ "$(jq -r '.settings.ema // 0' "$c")" != 0 ] && args=${args%.args}-ema.args
    [ "$(jq -r '.settings.decayTo // 0' "$c")" != 0 ] && args=${args%.args}-decay.args
    # a settings file for a shorter run of the same recipe carries its length (…-decay16k.args)
    short=${args%.args}$(( $(jq -r .steps "$c") / 1000 ))k.args
    [ -f "$short" ] && args=$short
    # and one for another batch than 64 carries it (…-decay-b32.args)
    batch=$(jq -r .settings.batch "$c")
    [ "$batch" != 64 ] && [ -f "${args%.args}-b$batch.args" ] && args=${args%.args}-b$batch.args
  fi
  decay=""
  [ "$(jq -r '.settings.decayTo // 0' "$c")" != 0 ] && \
    decay=", both rates falling linearly to 0 from step $(jq -r .settings.decayFrom "$c") to $(jq -r .settings.decayTo "$c")"
  {
    echo "# generator-$style: training report"
    echo
    echo "Trained on the **$(jq -r .trainedOn "$c")** with \`mvn -Ptrain-gan -Dstyle=$style -Dgan.config=$args\`"
    echo "(the shipped bundle: \`savedmodels/generator-$style\`)."
    echo
    echo "| setting | value |"
    echo "|---|---|"
    echo "| architecture | $(jq -r .architecture "$c"), generator upsampling $(jq -r '.spec.upsampling // "DECONV"' "$c" | tr A-Z a-z), generator width $(jq -r .spec.gWidth "$c"), discriminator width $(jq -r .spec.dWidth "$c"), $(jq -r .spec.imageSize "$c") px, z $(jq -r .spec.zDim "$c") |"
    if [ "$shipped" = "$(jq -r .steps "$c")" ]; then
      echo "| steps | $(jq -r .steps "$c") at batch $(jq -r .settings.batch "$c") |"
    else
      echo "| steps | $(jq -r .steps "$c") at batch $(jq -r .settings.batch "$c"); the shipped bundle is the checkpoint at step **$shipped**, the best measured (\`export-gan --best\`: the lowest FD ratio with at least 90 % adherence) |"
    fi
    echo "| optimiser | Adam lr $(jq -r .settings.learningRate "$c"), betas $(jq -r .settings.beta1 "$c"), $(jq -r .settings.beta2 "$c") (one per network)$decay |"
    echo "| DiffAugment | $(jq -r .settings.diffAugment "$c") |"
    [ "$(jq -r '.settings.modeSeeking // 0' "$c")" != 0 ] && \
      echo "| mode-seeking term (MSGAN) | weight $(jq -r .settings.modeSeeking "$c") (as run last; the settings file says from which step) |"
    if [ "$(jq -r '.settings.ema // 0' "$c")" != 0 ]; then
      from=$(jq -r '.settings.emaFrom // 0' "$c")
      echo "| generator weights | exponential moving average, decay $(jq -r .settings.ema "$c")$([ "$from" != 0 ] && echo ", from step $from") (what the bundle holds) |"
    fi
    echo "| seed | $(jq -r .settings.seed "$c") |"
    echo
    echo "## Emotion adherence and diversity (\`evaluate\`, shipped classifier)"
    echo
    sed -n '/^## Summary/,/^## Emotion adherence/p' "$out/evaluation/evaluation.md" | sed '1,2d;$d'
    echo "## Image quality (\`evaluate\` against 300 held-out benchmark paintings per emotion, classifier features)"
    echo
    sed -n '/^## Image quality/,$p' "$out/evaluation/evaluation.md" | sed '1,2d'
    echo
    echo "Full report: [evaluation/evaluation.md](evaluation/evaluation.md)."
    echo
    echo "![evaluation samples](evaluation/samples.png)"
    echo
    echo "![adherence confusion matrix](evaluation/adherence-confusion.png)"
    echo
    echo "## Training"
    echo
    echo "Losses per step ([loss.csv](loss.csv)); the samples at the last step (rows: negative, neutral,"
    echo "positive; the same noise in every grid of the run); settings as run: [config.json](config.json)."
    echo
    echo "![loss curves](loss.png)"
    echo
    echo "![samples at the last step](samples-final.png)"
    if [ -n "$quality" ]; then
      echo
      echo "Quality measured while training (\`--eval-every\`: FD ratio, precision, recall and adherence on"
      echo "100 paintings per emotion against held-out paintings; [quality.csv](quality.csv)):"
      echo
      echo "![quality while training](quality.png)"
    fi
  } > "$out/README.md"
done

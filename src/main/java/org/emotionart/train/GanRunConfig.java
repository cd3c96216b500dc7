package org.emotionart.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.emotionart.model.GanSpec;

/**
 * Everything that defines a GAN run, kept as {@code config.json} in the run folder: the
 * architecture (its {@link Conditioning}, stored under its architecture name as {@code "architecture"};
 * checked on {@code --resume}), the data it reads, the optimisation settings and the
 * schedule. {@code trainedOn} says in words what the data is (e.g. "procedural benchmark ...").
 */
public record GanRunConfig(
        @JsonProperty("architecture") Conditioning conditioning,
        GanSpec spec,
        String style,
        String data,
        String labels,
        String trainedOn,
        GanSettings settings,
        long steps,
        int sampleEvery,
        int checkpointEvery,
        int keepCheckpoints) {

    /** What must match to continue a run from its checkpoints. */
    public String architectureSummary() {
        return conditioning.architecture() + " " + spec.imageSize() + "px z" + spec.zDim() + " G" + spec.gWidth()
                + " D" + spec.dWidth() + (spec.upsampling() == GanSpec.Upsampling.DECONV ? ""
                : " upsample " + spec.upsampling().word()) + (spec.conditionalBatchNorm() ? " conditional-bn" : "")
                + (spec.rgbConv() ? " rgb-conv" : "") + (spec.minibatchStd() ? " minibatch-std" : "");
    }

    /** This run with other optimisation settings. */
    public GanRunConfig withSettings(GanSettings other) {
        return new GanRunConfig(conditioning, spec, style, data, labels, trainedOn, other, steps, sampleEvery,
                checkpointEvery, keepCheckpoints);
    }
}

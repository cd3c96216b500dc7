package org.emotionart.train;

import org.emotionart.model.GanSpec;

/**
 * Everything that defines a GAN run, kept as {@code config.json} in the run folder: the
 * architecture (checked on {@code --resume}), the data it reads, the optimisation settings and the
 * schedule. {@code trainedOn} says in words what the data is (e.g. "procedural benchmark ...").
 */
public record GanRunConfig(
        String architecture,
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

    /** The original conditioning: one-hot concatenated to z, and as 3 planes to D's input. */
    public static final String ARCHITECTURE = "conditional-dcgan/concat";

    /** What must match to continue a run from its checkpoints. */
    public String architectureSummary() {
        return architecture + " " + spec.imageSize() + "px z" + spec.zDim() + " G" + spec.gWidth()
                + " D" + spec.dWidth();
    }
}

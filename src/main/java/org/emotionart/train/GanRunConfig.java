package org.emotionart.train;

import org.emotionart.model.Discriminator;
import org.emotionart.model.DiscriminatorNetwork;
import org.emotionart.model.GanSpec;
import org.emotionart.model.ProjectionDiscriminator;

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
    /** The same generator with a spectrally normalised projection discriminator. */
    public static final String PROJECTION = "conditional-dcgan/projection";

    /** The architecture of a {@code --conditioning} word: concat or projection. */
    public static String ofConditioning(String conditioning) {
        return switch (conditioning) {
            case "concat" -> ARCHITECTURE;
            case "projection" -> PROJECTION;
            default -> throw new IllegalArgumentException("unknown --conditioning '" + conditioning
                    + "': allowed concat, projection");
        };
    }

    /** The discriminator of an architecture name; the generator is the original's in both. */
    public static DiscriminatorNetwork discriminator(String architecture, GanSpec spec) {
        return switch (architecture) {
            case ARCHITECTURE -> new Discriminator(spec);
            case PROJECTION -> new ProjectionDiscriminator(spec);
            default -> throw new IllegalArgumentException("unknown architecture '" + architecture + "': allowed "
                    + ARCHITECTURE + ", " + PROJECTION);
        };
    }

    /** What must match to continue a run from its checkpoints. */
    public String architectureSummary() {
        return architecture + " " + spec.imageSize() + "px z" + spec.zDim() + " G" + spec.gWidth()
                + " D" + spec.dWidth() + (spec.upsampling() == GanSpec.Upsampling.DECONV ? ""
                : " upsample " + spec.upsampling().word());
    }
}

package org.emotionart.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.emotionart.model.Discriminator;
import org.emotionart.model.DiscriminatorNetwork;
import org.emotionart.model.GanSpec;
import org.emotionart.model.ProjectionDiscriminator;

/**
 * How the discriminator sees the emotion ({@code train-gan --conditioning}); the generator is the
 * original's either way. Each knows its command-line word, the architecture name that a run's
 * {@code config.json} and a bundle's metadata record (JSON reads and writes the enum as that name),
 * and the discriminator it builds.
 */
public enum Conditioning {
    /** The original: the one-hot emotion concatenated to z, and as 3 planes beside D's input image. */
    CONCAT("concat", "conditional-dcgan/concat"),
    /** The same generator with a spectrally normalised projection discriminator. */
    PROJECTION("projection", "conditional-dcgan/projection");

    private final String word;
    private final String architecture;

    Conditioning(String word, String architecture) {
        this.word = word;
        this.architecture = architecture;
    }

    /** The {@code --conditioning} word: concat or projection. */
    public String word() {
        return word;
    }

    /** The architecture name, e.g. {@code conditional-dcgan/concat}. */
    @JsonValue
    public String architecture() {
        return architecture;
    }

    /** The discriminator of this conditioning for {@code spec}. */
    public DiscriminatorNetwork discriminator(GanSpec spec) {
        return switch (this) {
            case CONCAT -> new Discriminator(spec);
            case PROJECTION -> new ProjectionDiscriminator(spec);
        };
    }

    /** The conditioning of a {@code --conditioning} word. */
    public static Conditioning ofWord(String word) {
        for (Conditioning c : values()) {
            if (c.word.equals(word)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown --conditioning '" + word + "': allowed " + list(Conditioning::word));
    }

    /** The conditioning of an architecture name (as config.json holds it). */
    @JsonCreator
    public static Conditioning ofArchitecture(String architecture) {
        for (Conditioning c : values()) {
            if (c.architecture.equals(architecture)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + architecture + "': allowed "
                + list(Conditioning::architecture));
    }

    private static String list(java.util.function.Function<Conditioning, String> name) {
        return Arrays.stream(values()).map(name).collect(Collectors.joining(", "));
    }
}

package org.emotionart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emotionart.EmotionArtException;
import org.emotionart.data.EmotionLabels;
import org.emotionart.data.EmotionMapping;
import org.emotionart.data.LabelDerivation;
import org.emotionart.data.LabelsFile;
import org.emotionart.data.WikiArtEmotions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emotion-art data emotions TSV}: reads a WikiArt Emotions annotation file, derives a class per
 * painting and, with {@code --images}, matches the downloaded images and can write a labels file for
 * {@code train-classifier}. See {@code training/wikiart-emotions.md}.
 */
@Command(name = "emotions", mixinStandardHelpOptions = true,
        description = {
                "Read a WikiArt Emotions annotation file (WikiArt-Emotions-All.tsv, -Ag3/-Ag4/-Ag5.tsv), derive "
                        + "negative/neutral/positive per painting, match downloaded images and optionally write a "
                        + "labels file for train-classifier.",
                "Label = the class with the largest summed score of its emotions; ties and all-0 rows are skipped "
                        + "(see training/wikiart-emotions.md)."})
public final class EmotionsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TSV", description = "A WikiArt Emotions annotation file.")
    Path tsv;

    @Option(names = "--block", paramLabel = "BLOCK", defaultValue = "image", converter = BlockConverter.class,
            description = "Which annotations: image (ImageOnly), art (Art (image+title)) or title (TitleOnly). "
                    + "Default: ${DEFAULT-VALUE}.")
    WikiArtEmotions.Block block;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Folder holding the downloaded images (flat or nested); rows match by the file name "
                    + "in 'Image URL' or by <ID>.<ext>.")
    Path images;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Mapping of the 20 emotions to classes, lines 'emotion = class' naming each emotion "
                    + "once. Default: the dataset authors' grouping.")
    Path mapping;

    @Option(names = "--min-score", paramLabel = "X", defaultValue = "0",
            description = "Skip rows whose largest class score (sum of its emotions' scores) is below X. "
                    + "Default: ${DEFAULT-VALUE} (off).")
    double minScore;

    @Option(names = "--ties", paramLabel = "POLICY", defaultValue = "skip", converter = TiesConverter.class,
            description = "Rows whose top classes tie: skip or neutral. Default: ${DEFAULT-VALUE}.")
    LabelDerivation.TiePolicy ties;

    @Option(names = "--write-labels", paramLabel = "FILE",
            description = "Write the labelled rows that have an image as a labels CSV (path,style,emotion; "
                    + "paths relative to --images). Needs --images.")
    Path writeLabels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(minScore >= 0) || Double.isInfinite(minScore)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-score must be a finite number >= 0, got " + minScore);
        }
        if (writeLabels != null && images == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--write-labels needs --images DIR: the labels file holds image paths relative to it");
        }
        // paths that name nothing or the wrong kind of thing: usage errors, before anything is read
        Checks.inputFile(spec, "WikiArt Emotions file", tsv);
        if (mapping != null) {
            Checks.inputFile(spec, "--mapping", mapping);
        }
        if (images != null && !Files.isDirectory(images)) {
            throw Checks.usage(spec, Files.exists(images) ? "--images " + images + " is a file, not a folder"
                    : "images folder not found: " + images);
        }
        if (writeLabels != null) {
            Checks.outputFile(spec, "--write-labels", writeLabels);
        }
        EmotionMapping map = mapping == null ? EmotionMapping.DEFAULT : EmotionMapping.read(mapping);
        EmotionLabels.Settings settings = new EmotionLabels.Settings(block, map,
                new LabelDerivation.Options(minScore, ties));
        EmotionLabels labels = EmotionLabels.load(tsv, images, settings);
        PrintWriter out = spec.commandLine().getOut();
        labels.report().forEach(out::println);
        if (writeLabels != null) {
            if (labels.images().isEmpty()) {
                throw new EmotionArtException("no labelled row has an image in " + images + "; nothing written to "
                        + writeLabels);
            }
            try {
                LabelsFile.write(writeLabels, labels.images());
            } catch (IOException e) {
                throw new EmotionArtException("cannot write labels file " + writeLabels + ": " + e.getMessage(), e);
            }
            out.println("wrote:         " + writeLabels + " (" + labels.images().size()
                    + " rows; train-classifier reads it with " + images + " as the data folder)");
        }
        out.flush();
        return 0;
    }

    /** image | art | title, case-insensitive; a bad value is a usage error naming the allowed ones. */
    static final class BlockConverter implements CommandLine.ITypeConverter<WikiArtEmotions.Block> {
        @Override
        public WikiArtEmotions.Block convert(String value) {
            try {
                return WikiArtEmotions.Block.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** skip | neutral, case-insensitive. */
    static final class TiesConverter implements CommandLine.ITypeConverter<LabelDerivation.TiePolicy> {
        @Override
        public LabelDerivation.TiePolicy convert(String value) {
            try {
                return LabelDerivation.TiePolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

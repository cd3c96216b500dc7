package org.emotionart.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four painting styles of the benchmark; the label is the WikiArt-like folder name. */
public enum Style {
    ABSTRACT("abstract", new AbstractPainter()),
    FLOWER_PAINTING("flower-painting", new FlowerPainter()),
    LANDSCAPE("landscape", new LandscapePainter()),
    PORTRAIT("portrait", new PortraitPainter());

    private final String label;
    private final Painter painter;

    Style(String label, Painter painter) {
        this.label = label;
        this.painter = painter;
    }

    /** Folder and file name of the style, e.g. {@code flower-painting}. */
    public String label() {
        return label;
    }

    /** The painter of this style (stateless, shared by all threads). */
    public Painter painter() {
        return painter;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Parses a label (case-insensitive); the error lists the allowed labels. */
    public static Style parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Style s : values()) {
            if (s.label.equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown style '" + text + "': allowed " + allowed());
    }

    /** "abstract, flower-painting, landscape, portrait". */
    public static String allowed() {
        return Arrays.stream(values()).map(Style::label).collect(Collectors.joining(", "));
    }
}

package org.emotionart.synth;

import org.emotionart.Emotion;

/**
 * The shape vocabulary a painting is built from; it is the one cue that is present in every image of
 * a class: positive paintings are made of round, soft forms, negative ones of jagged, angular forms and
 * neutral ones of straight, axis-aligned, rectilinear forms.
 */
public enum ShapeLanguage {
    /** Circles, ellipses, smooth blobs and curves (positive). */
    ROUND,
    /** Stars, shards, spikes and zigzags (negative). */
    JAGGED,
    /** Rectangles, horizontal and vertical lines, flat steps (neutral). */
    RECTILINEAR;

    /** The language of an emotion's paintings. */
    public static ShapeLanguage of(Emotion emotion) {
        return switch (emotion) {
            case POSITIVE -> ROUND;
            case NEGATIVE -> JAGGED;
            case NEUTRAL -> RECTILINEAR;
        };
    }
}

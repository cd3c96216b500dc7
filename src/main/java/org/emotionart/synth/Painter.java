package org.emotionart.synth;

/**
 * Paints one style. Implementations are stateless (one instance serves all threads): everything they
 * vary comes from the canvas' mood and random generator, everything they draw goes through the canvas
 * in unit coordinates, and the emotion shows in the colours ({@link Canvas#tone}) and in the shape
 * language ({@link Canvas#lang()}) of every element.
 */
public interface Painter {
    /** Paints a whole picture on {@code canvas}. */
    void paint(Canvas canvas);
}

package org.emotionart.data;

/**
 * An image file that could not be decoded (truncated, not an image, unsupported encoding), with the
 * path relative to the data root and a one-line reason. Broken files are skipped and reported; they
 * never stop a run.
 */
public record BrokenImage(String path, String reason) {
}
